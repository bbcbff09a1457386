package org.openttserver.api.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_GET_FRIEND_LIST_RESP (11), S→C: names and DNA of the avatar's friends, the answer to
 * {@link GetFriendList} (protocol-2003.md §2.8, chapter 8). Friend flags are not in it; they come
 * from the toon's {@code setFriendsList} field.
 *
 * <p>Layout: u8 error; then, only when it is 0, u16 count and per friend a {@link Friend}. So a
 * record with a non-zero error has no friends.
 *
 * <pre>{@code
 * session.send(new GetFriendListResp(0, List.of(new GetFriendListResp.Friend(id, "Flippy", dna))));
 * }</pre>
 *
 * @param error 0 = the list follows
 * @param friends the friends, empty when the error is not 0
 * @since 0.2
 */
public record GetFriendListResp(int error, List<Friend> friends) implements ClientBound {
  /** The codec: GET_FRIEND_LIST_RESP ({@value ClientMsg#GET_FRIEND_LIST_RESP}). */
  public static final MessageCodec<GetFriendListResp> CODEC = MessageCodec.of(
      ClientMsg.GET_FRIEND_LIST_RESP, GetFriendListResp.class, GetFriendListResp::read,
      GetFriendListResp::write);

  /** Checks the code, the count and that an error carries no list; copies the list. */
  public GetFriendListResp {
    Fields.u8("error", error);
    friends = List.copyOf(friends);
    Fields.u16("friend count", friends.size());
    if (error != 0 && !friends.isEmpty()) {
      throw new IllegalArgumentException("a non-zero error carries no friend list");
    }
  }

  /**
   * One friend.
   *
   * <p>Layout: u32 avatarId, str name, str dna.
   *
   * @param avatarId the friend's avatar
   * @param name its name
   * @param dna its 15-byte DNA net string
   * @since 0.2
   */
  public record Friend(long avatarId, String name, byte[] dna) {
    /** Checks the ranges and copies the DNA. */
    public Friend {
      Fields.u32("avatarId", avatarId);
      Fields.str("name", name);
      dna = Fields.copy("dna", dna);
    }

    /** {@return a copy of the DNA string} */
    @Override
    public byte[] dna() {
      return dna.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Friend o && avatarId == o.avatarId && name.equals(o.name)
          && Fields.same(dna, o.dna);
    }

    @Override
    public int hashCode() {
      return Objects.hash(avatarId, name, Fields.hash(dna));
    }

    @Override
    public String toString() {
      return "Friend[" + avatarId + " '" + name + "' dna=" + Fields.hex(dna) + "]";
    }
  }

  private static GetFriendListResp read(DatagramReader r) {
    int error = r.readU8();
    if (error != 0) {
      return new GetFriendListResp(error, List.of());
    }
    int n = r.readU16();
    List<Friend> list = new ArrayList<>(Math.min(n, 64));
    for (int i = 0; i < n; i++) {
      list.add(new Friend(r.readU32(), r.readString(), r.readBlob()));
    }
    return new GetFriendListResp(0, list);
  }

  private static void write(GetFriendListResp m, DatagramWriter w) {
    w.u8(m.error);
    if (m.error == 0) {
      w.u16(m.friends.size());
      for (Friend f : m.friends) {
        w.u32(f.avatarId).string(f.name).blob(f.dna);
      }
    }
  }
}
