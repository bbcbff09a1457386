package org.openttserver.api.protocol;

import java.util.ArrayList;
import java.util.List;
import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_SET_NAME_PATTERN (67), C→S: names an avatar from the pick-a-name lists, answered by
 * {@link SetNamePatternAnswer} (protocol-2003.md §2.3, §7.1).
 *
 * <p>Layout: u32 avatarId, then exactly four {@link Part}s: title, first name, last-name prefix,
 * last-name suffix. An unused part has index 0xFFFF (the client's −1 written as u16).
 *
 * <pre>{@code
 * client.send(new SetNamePattern(avatarId, List.of(new SetNamePattern.Part(0xFFFF, 0),
 *     new SetNamePattern.Part(12, 0), new SetNamePattern.Part(3, 1),
 *     new SetNamePattern.Part(7, 0))));
 * }</pre>
 *
 * @param avatarId the avatar
 * @param parts the four parts, in wire order
 * @since 0.2
 */
public record SetNamePattern(long avatarId, List<Part> parts) implements ServerBound {
  /** How many parts a pattern has. */
  public static final int PARTS = 4;

  /** The codec: SET_NAME_PATTERN ({@value ClientMsg#SET_NAME_PATTERN}). */
  public static final MessageCodec<SetNamePattern> CODEC = MessageCodec.of(
      ClientMsg.SET_NAME_PATTERN, SetNamePattern.class,
      r -> {
        long avatarId = r.readU32();
        List<Part> parts = new ArrayList<>(PARTS);
        for (int i = 0; i < PARTS; i++) {
          parts.add(new Part(r.readU16(), r.readU16()));
        }
        return new SetNamePattern(avatarId, parts);
      },
      (m, w) -> {
        w.u32(m.avatarId);
        for (Part p : m.parts) {
          w.u16(p.index()).u16(p.flag());
        }
      });

  /** Checks the id and that there are four parts; copies the list. */
  public SetNamePattern {
    Fields.u32("avatarId", avatarId);
    parts = List.copyOf(parts);
    if (parts.size() != PARTS) {
      throw new IllegalArgumentException("a name pattern has exactly four parts, not "
          + parts.size());
    }
  }

  /**
   * One part of a name pattern.
   *
   * <p>Layout: u16 index, u16 flag.
   *
   * @param index the index in the name list, 0xFFFF for an unused part
   * @param flag the part's flag (capitalisation of a last-name suffix)
   * @since 0.2
   */
  public record Part(int index, int flag) {
    /** Checks the ranges. */
    public Part {
      Fields.u16("index", index);
      Fields.u16("flag", flag);
    }
  }
}
