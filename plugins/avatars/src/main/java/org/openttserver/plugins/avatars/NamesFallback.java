package org.openttserver.plugins.avatars;

import java.util.concurrent.CompletionStage;
import org.openttserver.api.protocol.SetNamePattern;
import org.openttserver.api.protocol.SetNamePatternAnswer;
import org.openttserver.api.protocol.SetWishName;
import org.openttserver.api.protocol.SetWishNameResp;
import org.openttserver.api.session.Access;
import org.openttserver.api.session.ClientMessages;
import org.openttserver.api.session.ClientSession;

/**
 * What a client gets for naming a toon while no names plugin handles it (disabled or not
 * installed): the 2003 name shop sends a picked or typed name right after Make-A-Toon, and
 * GO_GET_LOST 108 there would end every new toon's creation. A picked name is refused (68 with a
 * non-zero code: the client shows its name-error dialog and lets the user type a name); a typed
 * name is answered as waiting for review (71 "pending": the client lets the user continue), and
 * nothing is stored, so the toon keeps its temporary "Color Animal" name. Registered as fallbacks:
 * with the names plugin running, its handlers answer instead.
 */
final class NamesFallback {
  /** The non-zero answer to a picked name. */
  static final int REFUSED = 1;

  private NamesFallback() {}

  static void register(ClientMessages messages) {
    ClientMessages fallback = messages.asFallback();
    fallback.on(SetNamePattern.class, Access.LOGGED_IN, NamesFallback::pattern);
    fallback.on(SetWishName.class, Access.LOGGED_IN, NamesFallback::wish);
  }

  private static CompletionStage<?> pattern(ClientSession session, SetNamePattern msg) {
    session.send(new SetNamePatternAnswer(msg.avatarId(), REFUSED));
    return null;
  }

  private static CompletionStage<?> wish(ClientSession session, SetWishName msg) {
    session.send(SetWishNameResp.pending(msg.avatarId(), msg.typedName()));
    return null;
  }
}
