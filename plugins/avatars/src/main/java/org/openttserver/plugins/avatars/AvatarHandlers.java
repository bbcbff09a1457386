package org.openttserver.plugins.avatars;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.openttserver.api.bridge.LiveObjects;
import org.openttserver.api.bridge.NoSuchObjectException;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.protocol.AvatarListResp;
import org.openttserver.api.protocol.CreateAvatar;
import org.openttserver.api.protocol.CreateAvatarResp;
import org.openttserver.api.protocol.DeleteAvatar;
import org.openttserver.api.protocol.GetAvatarDetails;
import org.openttserver.api.protocol.GetAvatarDetailsResp;
import org.openttserver.api.protocol.GetAvatars;
import org.openttserver.api.protocol.SetAvatar;
import org.openttserver.api.protocol.SetWishNameClear;
import org.openttserver.api.service.AvatarDirectory.NameState;
import org.openttserver.api.session.ClientProtocolException;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.SessionKey;
import org.slf4j.Logger;

/**
 * The avatar chooser's messages: GET_AVATARS (3), CREATE_AVATAR (6), DELETE_AVATAR (49),
 * SET_AVATAR (32), GET_AVATAR_DETAILS (14) and SET_WISHNAME_CLEAR (72).
 *
 * <p>The client has a refusal code for CREATE_AVATAR (non-zero: "that name will not work") and
 * for GET_AVATAR_DETAILS (non-zero: no information); for everything else a non-zero answer
 * crashes it, so a request it could not have sent (another account's toon, an unknown action)
 * ejects it with a reason. Nothing is written before a request is known to be valid.
 */
final class AvatarHandlers {
  /** The toon a session plays (activated on the DBSS), if any. */
  static final SessionKey<Long> ACTIVE = SessionKey.of("avatars.active", Long.class);
  /** CREATE_AVATAR_RESP's refusal code. */
  static final int CREATE_REFUSED = 1;
  /** GET_AVATAR_DETAILS_RESP's "no information" code. */
  static final int NO_DETAILS = 1;

  private final Toons toons;
  private final LiveObjects live;
  private final boolean strictDna;
  private final Logger log;
  private final Presence presence;

  AvatarHandlers(Toons toons, LiveObjects live, boolean strictDna, Logger log) {
    this(toons, live, strictDna, log, new Presence(log));
  }

  AvatarHandlers(Toons toons, LiveObjects live, boolean strictDna, Logger log,
      Presence presence) {
    this.presence = presence;
    this.toons = toons;
    this.live = live;
    this.strictDna = strictDna;
    this.log = log;
  }

  /** GET_AVATARS: the six slots' toons (5). */
  CompletionStage<?> getAvatars(ClientSession s, GetAvatars m) {
    return accountKnown(toons.list(s.accountId()).thenAccept(list -> s.send(listResp(list))));
  }

  /**
   * A session whose account object is gone (deleted by an administrator while logged in) is
   * ejected with the login error code rather than an internal error.
   */
  private static <T> CompletionStage<T> accountKnown(CompletionStage<T> stage) {
    return stage.handle((v, e) -> {
      if (e == null) {
        return v;
      }
      Throwable c = Toons.cause(e);
      if (c instanceof NoSuchObjectException) {
        throw new ClientProtocolException(BootCode.ACCOUNT_ERROR, "the account object is gone: "
            + c.getMessage());
      }
      throw e instanceof CompletionException ce ? ce : new CompletionException(c);
    });
  }

  static AvatarListResp listResp(List<Toons.Placed> list) {
    List<AvatarListResp.Avatar> out = new ArrayList<>();
    for (Toons.Placed p : list) {
      Toons.Toon t = p.toon();
      NameState st = t.wish().state();
      String wish = t.wish().wishName();
      out.add(new AvatarListResp.Avatar(t.id(), t.name(),
          st == NameState.PENDING ? wish : "", st == NameState.APPROVED ? wish : "",
          st == NameState.REJECTED ? wish : "", t.dna(), p.slot(), st.mayName()));
    }
    return new AvatarListResp(0, out);
  }

  /** CREATE_AVATAR: validated DNA, a free slot claimed atomically (7). */
  CompletionStage<?> createAvatar(ClientSession s, CreateAvatar m) {
    byte[] dna = m.dna();
    if (m.position() >= Toons.SLOTS) {
      log.info("avatars: {} asked to create in slot {}", s.accountName(), m.position());
      s.send(CreateAvatarResp.refused(m.echoContext(), CREATE_REFUSED));
      return null;
    }
    var problem = ToonDna.problem(dna, strictDna);
    if (problem.isPresent()) {
      log.info("avatars: {} sent a DNA we refuse: {}", s.accountName(), problem.get());
      s.send(CreateAvatarResp.refused(m.echoContext(), CREATE_REFUSED));
      return null;
    }
    return accountKnown(toons.create(s.accountId(), s.accountName(), dna, m.position())
        .thenAccept(id -> s.send(id == 0
            ? CreateAvatarResp.refused(m.echoContext(), CREATE_REFUSED)
            : CreateAvatarResp.created(m.echoContext(), id))));
  }

  /** DELETE_AVATAR: the account's own toon only; answers the updated list (5). */
  CompletionStage<?> deleteAvatar(ClientSession s, DeleteAvatar m) {
    long id = m.avatarId();
    Long active = s.get(ACTIVE).orElse(null);
    if (active != null && active == id) {
      leave(s);
    }
    return accountKnown(toons.delete(s.accountId(), id).handle((slots, e) -> {
      if (e == null) {
        return slots;
      }
      Throwable c = Toons.cause(e);
      if (c instanceof NoSuchObjectException || c instanceof ClientProtocolException) {
        throw e instanceof CompletionException ce ? ce : new CompletionException(c);
      }
      // The 2003 client has no refusal code for a delete: it goes, and may try again (nothing
      // was released before the step that failed).
      log.warn("avatars: DELETE_AVATAR of toon {} by {} failed: {}", id, s.accountName(),
          c.toString());
      throw new ClientProtocolException(BootCode.GENERIC, "DELETE_AVATAR: toon " + id
          + " could not be deleted now, nothing was released; try again");
    }).thenCompose(slots -> {
      if (slots.isEmpty()) {
        throw notYours("DELETE_AVATAR", id);
      }
      return toons.list(slots.get());
    }).thenAccept(list -> s.send(listResp(list))));
  }

  /**
   * SET_AVATAR: 0 leaves the world; an own toon is activated on the DBSS with this client as its
   * owner (the owner view: the client agent never generates a client's own avatar for it) and
   * as a session object, and the client gets every required field (15).
   */
  CompletionStage<?> setAvatar(ClientSession s, SetAvatar m) {
    long id = m.avatarId();
    if (id == 0) {
      leave(s);
      return null;
    }
    return ownToon(s, id, "SET_AVATAR").thenCompose(t -> {
      if (t.isEmpty()) {
        throw new ClientProtocolException(BootCode.GENERIC, "SET_AVATAR: toon " + id
            + " is listed but missing from the database");
      }
      return enter(s, t.get());
    });
  }

  private CompletableFuture<Void> enter(ClientSession s, Toons.Toon t) {
    leave(s);
    if (!s.isConnected()) {
      return CompletableFuture.completedFuture(null);
    }
    long id = t.id();
    GetAvatarDetailsResp details = details(t);
    s.set(ACTIVE, id);
    return live.activate(id, 0, 0)
        .thenCompose(x -> live.setOwner(id, s.connectionChannel()))
        .thenRun(() -> {
          // A disconnect, a SET_AVATAR(0) or a re-login may have come meanwhile (its leave()
          // found the toon not yet in the world): then it goes again, and nothing is sent.
          if (!s.isConnected() || !Long.valueOf(id).equals(s.get(ACTIVE).orElse(null))) {
            log.info("avatars: toon {} left before its activation ended; taking it out", id);
            live.deleteRam(id);
            return;
          }
          s.addSessionObject(id);
          s.openChannel(Channels.avatar(id));
          s.setClientId(Channels.clientId(s.accountId(), id));
          s.send(details);
          presence.entered(s, id);
        });
  }

  /** Takes the session's toon out of the world (SET_AVATAR 0, a disconnect). */
  void leave(ClientSession s) {
    leave(s, true);
  }

  /**
   * Takes the old account's toon out of the world on a re-login as another account. The login
   * plugin has already given the connection the new account's client id, and {@code
   * accountId()} is still the old account's ({@code ClientSessions.onLogout}), so the client id
   * is left alone.
   */
  void loggedOut(ClientSession s) {
    leave(s, false);
  }

  private void leave(ClientSession s, boolean resetClientId) {
    Long id = s.get(ACTIVE).orElse(null);
    if (id == null) {
      return;
    }
    s.set(ACTIVE, null);
    presence.left(s, id);
    if (s.isConnected()) {
      // First stop treating it as a session object, or its removal would eject the client.
      s.removeSessionObject(id);
      s.closeChannel(Channels.avatar(id));
      if (resetClientId) {
        s.setClientId(Channels.clientId(s.accountId(), 0));
      }
    }
    live.deleteRam(id);
  }

  /**
   * GET_AVATAR_DETAILS: any toon's required fields, or "no information" (also when the database
   * does not answer: the client has a code for it, no reason to eject). Another account's toon
   * is sent with the account name {@value #HIDDEN_ACCOUNT_NAME}, the DC's default: the login
   * name is nobody else's business, and the client reads it only for its own toon.
   */
  CompletionStage<?> getAvatarDetails(ClientSession s, GetAvatarDetails m) {
    long id = m.avatarId();
    return toons.load(id).handle((t, e) -> {
      if (e != null) {
        log.info("avatars: GET_AVATAR_DETAILS({}) for {}: no answer from the database: {}", id,
            s.accountName(), Toons.cause(e).toString());
      }
      s.send(t == null || t.isEmpty() ? GetAvatarDetailsResp.refused(id, NO_DETAILS)
          : details(t.get(), !t.get().accountName().equals(s.accountName())));
      return null;
    });
  }

  /** The account name another account's toon is shown with. */
  static final String HIDDEN_ACCOUNT_NAME = "unknown";

  /** The 15 of a toon: every required field in DC order, the stored value or the default. */
  GetAvatarDetailsResp details(Toons.Toon t) {
    return details(t, false);
  }

  private GetAvatarDetailsResp details(Toons.Toon t, boolean hideAccountName) {
    List<DcFieldValue> required = new ArrayList<>();
    for (DcFieldValue v : t.values().asList()) {
      if (v.field().isRequired()) {
        required.add(hideAccountName && v.field().name().equals("setAccountName")
            ? new DcFieldValue(v.field(), List.of(HIDDEN_ACCOUNT_NAME)) : v);
      }
    }
    return GetAvatarDetailsResp.of(t.id(), toons.toonClass(), required);
  }

  /**
   * SET_WISHNAME_CLEAR: (id, 1) after "your name was approved": the approved name becomes the
   * toon's name, final; (id, 0) after "rejected" or "choose another name": the wish is dropped
   * and the toon may be named again. In any other state nothing changes (no answer either way).
   */
  CompletionStage<?> wishNameClear(ClientSession s, SetWishNameClear m) {
    long id = m.avatarId();
    if (m.action() > 1) {
      throw new ClientProtocolException(BootCode.GENERIC, "SET_WISHNAME_CLEAR: unknown action "
          + m.action());
    }
    return ownToon(s, id, "SET_WISHNAME_CLEAR").thenCompose(found -> {
      if (found.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      // Each write is conditional on the state read here: a review decided meanwhile (the
      // names plugin's approve or reject) is never overwritten by this acknowledgement.
      NameStore.Wish w = found.get().wish();
      if (m.action() == 1 && w.state() == NameState.APPROVED) {
        return toons.writeNameIf(id, w, w.wishName().isEmpty() ? null : w.wishName(),
            new NameStore.Wish(NameState.LOCKED, "")).thenAccept(done -> changed(id, m, done));
      }
      if (m.action() == 0 && (w.state() == NameState.REJECTED
          || w.state() == NameState.PENDING)) {
        return toons.writeNameIf(id, w, null, NameStore.Wish.OPEN)
            .thenAccept(done -> changed(id, m, done));
      }
      log.info("avatars: SET_WISHNAME_CLEAR({}, {}) with the name {}: nothing to do", id,
          m.action(), w.state());
      return CompletableFuture.completedFuture(null);
    });
  }

  private void changed(long id, SetWishNameClear m, boolean done) {
    if (!done) {
      log.info("avatars: SET_WISHNAME_CLEAR({}, {}): the name changed meanwhile; nothing to do",
          id, m.action());
    }
  }

  /**
   * Loads a toon the session's account lists in its slots; ejects (GO_GET_LOST with a reason)
   * for a toon that is not the account's.
   *
   * @return the toon, empty if the account lists it but the database has no such toon
   */
  private CompletionStage<Optional<Toons.Toon>> ownToon(ClientSession s, long id, String what) {
    return accountKnown(toons.slots(s.accountId())).thenCompose(slots -> {
      if (slots.indexOf(id) < 0) {
        throw notYours(what, id);
      }
      return toons.load(id);
    });
  }

  private static ClientProtocolException notYours(String what, long id) {
    return new ClientProtocolException(BootCode.GENERIC, what + ": avatar " + id
        + " is not one of this account's");
  }
}
