package org.openttserver.testclient.client;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.openttserver.api.datagram.DatagramReader;

/**
 * Parsers for the messages a server sends the 2003 client. Each {@code read} takes a reader
 * positioned after the u16 message type (as {@link ScriptedClient#expect} returns it), reads the
 * layout the client reads, and fails with {@link
 * org.openttserver.api.datagram.DatagramFormatException} on short input. Trailing bytes are not
 * checked; call {@link DatagramReader#expectEnd()} where they matter.
 *
 * <p>Byte-array components are not copied and compare by reference.
 */
public final class ServerReplies {
  private ServerReplies() {}

  /**
   * CLIENT_LOGIN_RESP (2).
   *
   * @param returnCode 0 = success
   * @param accountCode ignored by the client
   * @param errorString logged only
   * @param sec server time, seconds
   * @param usec server time, microseconds
   */
  public record LoginResp(int returnCode, long accountCode, String errorString, long sec,
      long usec) {
    /**
     * Reads the payload.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static LoginResp read(DatagramReader r) {
      return new LoginResp(r.readU8(), r.readU32(), r.readString(), r.readU32(), r.readU32());
    }
  }

  /**
   * CLIENT_LOGIN_2_RESP (17).
   *
   * @param returnCode 0 = success
   * @param errorString logged only
   * @param userName the account name
   * @param secretChatAllowed whether secret-friends chat is allowed
   * @param sec server time, seconds
   * @param usec server time, microseconds
   * @param isPaid paid account
   * @param minutesRemaining present only when the server sent it
   */
  public record Login2Resp(int returnCode, String errorString, String userName,
      boolean secretChatAllowed, long sec, long usec, boolean isPaid,
      OptionalInt minutesRemaining) {
    /**
     * Reads the payload; the trailing i32 is read only if at least 4 bytes remain.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static Login2Resp read(DatagramReader r) {
      return new Login2Resp(r.readU8(), r.readString(), r.readString(), r.readBool(),
          r.readU32(), r.readU32(), r.readBool(),
          r.remaining() >= 4 ? OptionalInt.of(r.readI32()) : OptionalInt.empty());
    }
  }

  /**
   * One avatar of CLIENT_GET_AVATARS_RESP (5).
   *
   * @param avatarId the toon's doId
   * @param name current name
   * @param wishName typed name under review, or ""
   * @param approvedName approved name not yet acknowledged, or ""
   * @param rejectedName rejected name not yet acknowledged, or ""
   * @param dna the DNA net string
   * @param position slot 0–5
   * @param allowedName true while the toon may still be named
   */
  public record AvatarEntry(long avatarId, String name, String wishName, String approvedName,
      String rejectedName, byte[] dna, int position, boolean allowedName) {
    static AvatarEntry read(DatagramReader r) {
      return new AvatarEntry(r.readU32(), r.readString(), r.readString(), r.readString(),
          r.readString(), r.readBlob(), r.readU8(), r.readBool());
    }
  }

  /**
   * CLIENT_GET_AVATARS_RESP and CLIENT_DELETE_AVATAR_RESP (both 5).
   *
   * @param returnCode must be 0
   * @param avatars the entries
   */
  public record AvatarList(int returnCode, List<AvatarEntry> avatars) {
    /**
     * Reads the payload: u8 code, u16 count, entries.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static AvatarList read(DatagramReader r) {
      int code = r.readU8();
      int n = r.readU16();
      List<AvatarEntry> list = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        list.add(AvatarEntry.read(r));
      }
      return new AvatarList(code, List.copyOf(list));
    }
  }

  /**
   * CLIENT_CREATE_AVATAR_RESP (7).
   *
   * @param echoContext the request's context
   * @param returnCode 0 = created
   * @param avatarId present only when the code is 0
   */
  public record CreateAvatarResp(int echoContext, int returnCode, OptionalLong avatarId) {
    /**
     * Reads the payload; the avatar id follows only a zero code.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static CreateAvatarResp read(DatagramReader r) {
      int context = r.readU16();
      int code = r.readU8();
      return new CreateAvatarResp(context, code,
          code == 0 ? OptionalLong.of(r.readU32()) : OptionalLong.empty());
    }
  }

  /**
   * One district of CLIENT_GET_SHARD_LIST_RESP (9).
   *
   * @param shardId the district id
   * @param name its name
   * @param population its population
   */
  public record Shard(long shardId, String name, long population) {}

  /**
   * CLIENT_GET_SHARD_LIST_RESP (9).
   *
   * @param shards the districts
   */
  public record ShardList(List<Shard> shards) {
    /**
     * Reads the payload: u16 count, then (u32 id, str name, u32 population).
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static ShardList read(DatagramReader r) {
      int n = r.readU16();
      List<Shard> list = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        list.add(new Shard(r.readU32(), r.readString(), r.readU32()));
      }
      return new ShardList(List.copyOf(list));
    }
  }

  /**
   * One friend of CLIENT_GET_FRIEND_LIST_RESP (11).
   *
   * @param avatarId the friend
   * @param name the friend's name
   * @param dna the friend's DNA net string
   */
  public record Friend(long avatarId, String name, byte[] dna) {}

  /**
   * CLIENT_GET_FRIEND_LIST_RESP (11).
   *
   * @param error 0 = the list follows
   * @param friends the friends (empty when error is not 0)
   */
  public record FriendList(int error, List<Friend> friends) {
    /**
     * Reads the payload: u8 error, then if 0 a u16 count and the entries.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static FriendList read(DatagramReader r) {
      int error = r.readU8();
      List<Friend> list = new ArrayList<>();
      if (error == 0) {
        int n = r.readU16();
        for (int i = 0; i < n; i++) {
          list.add(new Friend(r.readU32(), r.readString(), r.readBlob()));
        }
      }
      return new FriendList(error, List.copyOf(list));
    }
  }

  /**
   * CLIENT_GET_AVATAR_DETAILS_RESP (15).
   *
   * @param avatarId the avatar
   * @param returnCode 0 = fields follow
   * @param fields the packed required fields, raw
   */
  public record AvatarDetails(long avatarId, int returnCode, byte[] fields) {
    /**
     * Reads the payload.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static AvatarDetails read(DatagramReader r) {
      return new AvatarDetails(r.readU32(), r.readU8(), r.readRemaining());
    }
  }

  /**
   * CLIENT_GO_GET_LOST (4); the payload is optional.
   *
   * @param reasonCode present when the server sent a payload
   * @param reasonText the reason, "" when absent
   */
  public record GoGetLost(OptionalInt reasonCode, String reasonText) {
    /**
     * Reads the payload: nothing, or u16 code and str reason.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static GoGetLost read(DatagramReader r) {
      if (r.remaining() == 0) {
        return new GoGetLost(OptionalInt.empty(), "");
      }
      return new GoGetLost(OptionalInt.of(r.readU16()), r.readString());
    }
  }

  /**
   * CLIENT_GET_STATE_RESP (47): 12 bytes the client skips, then the zone.
   *
   * @param skipped the 12 skipped bytes
   * @param zoneId the zone, u16
   */
  public record GetStateResp(byte[] skipped, int zoneId) {
    /**
     * Reads the payload.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static GetStateResp read(DatagramReader r) {
      return new GetStateResp(r.readBytes(12), r.readU16());
    }
  }

  /**
   * CLIENT_DONE_SET_ZONE_RESP (48).
   *
   * @param zoneId the zone, u16
   */
  public record DoneSetZoneResp(int zoneId) {
    /**
     * Reads the payload.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static DoneSetZoneResp read(DatagramReader r) {
      return new DoneSetZoneResp(r.readU16());
    }
  }

  /**
   * The header of CLIENT_CREATE_OBJECT_REQUIRED (34) or _OTHER (35); the fields are DC-dependent
   * and left raw.
   *
   * @param classNumber the dclass index
   * @param doId the object
   * @param rest the packed fields (and, for 35, the other-field section)
   */
  public record CreateObject(int classNumber, long doId, byte[] rest) {
    /**
     * Reads the payload.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static CreateObject read(DatagramReader r) {
      return new CreateObject(r.readU16(), r.readU32(), r.readRemaining());
    }
  }

  /**
   * CLIENT_OBJECT_UPDATE_FIELD_RESP (24).
   *
   * @param doId the object
   * @param fieldNumber the DC field number
   * @param args the packed arguments, raw
   */
  public record FieldUpdate(long doId, int fieldNumber, byte[] args) {
    /**
     * Reads the payload.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static FieldUpdate read(DatagramReader r) {
      return new FieldUpdate(r.readU32(), r.readU16(), r.readRemaining());
    }
  }

  /**
   * A message whose payload is one u32 id: OBJECT_DISABLE_RESP (25), OBJECT_DELETE_RESP (27),
   * SERVER_DOWN (58), FRIEND_ONLINE (53), FRIEND_OFFLINE (54).
   *
   * @param id the doId, shard id or avatar id
   */
  public record IdOnly(long id) {
    /**
     * Reads the payload.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static IdOnly read(DatagramReader r) {
      return new IdOnly(r.readU32());
    }
  }

  /**
   * CLIENT_SET_NAME_PATTERN_ANSWER (68).
   *
   * @param avatarId the avatar
   * @param returnCode 0 = accepted
   */
  public record NamePatternAnswer(long avatarId, int returnCode) {
    /**
     * Reads the payload.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static NamePatternAnswer read(DatagramReader r) {
      return new NamePatternAnswer(r.readU32(), r.readU8());
    }
  }

  /**
   * CLIENT_SET_WISHNAME_RESP (71).
   *
   * @param avatarId the avatar
   * @param returnCode u16; 0 = processed
   * @param pending non-empty when submitted for review
   * @param approved non-empty when accepted at once
   * @param rejected non-empty when rejected at once
   */
  public record WishNameResp(long avatarId, int returnCode, String pending, String approved,
      String rejected) {
    /**
     * Reads the payload; after a non-zero code the client reads nothing more, so the strings
     * are read only if bytes remain.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static WishNameResp read(DatagramReader r) {
      long avatarId = r.readU32();
      int code = r.readU16();
      if (code != 0 && r.remaining() == 0) {
        return new WishNameResp(avatarId, code, "", "", "");
      }
      return new WishNameResp(avatarId, code, r.readString(), r.readString(), r.readString());
    }
  }

  /**
   * CLIENT_SERVER_UP (57).
   *
   * @param shardId the district
   * @param name its name
   */
  public record ServerUp(long shardId, String name) {
    /**
     * Reads the payload.
     *
     * @param r positioned after the type
     * @return the reply
     */
    public static ServerUp read(DatagramReader r) {
      return new ServerUp(r.readU32(), r.readString());
    }
  }
}
