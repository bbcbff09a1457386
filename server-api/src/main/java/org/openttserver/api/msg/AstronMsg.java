package org.openttserver.api.msg;

import java.util.Map;

/**
 * Astron's internal message types, as the default Astron build defines them, plus the
 * client-agent extension messages 1300–1302 that this project adds.
 *
 * <p>Every internal datagram is: u8 recipient count, u64 recipients, u64 sender (absent for
 * control messages), u16 type, payload. Payload layouts are documented per constant; u32 doIds
 * and zones, u64 channels, little-endian throughout.
 *
 * @since 0.1
 */
public final class AstronMsg {
  private AstronMsg() {}

  // Message-director control messages: addressed to channel 1 alone, with no sender field.

  /** u64 channel: subscribe. */
  public static final int CONTROL_ADD_CHANNEL = 9000;
  /** u64 channel: unsubscribe. */
  public static final int CONTROL_REMOVE_CHANNEL = 9001;
  /** u64 low, u64 high (inclusive): subscribe a range. */
  public static final int CONTROL_ADD_RANGE = 9002;
  /** u64 low, u64 high: unsubscribe a range and every exact channel inside it. */
  public static final int CONTROL_REMOVE_RANGE = 9003;
  /** u64 key, blob datagram: routed when this participant leaves. */
  public static final int CONTROL_ADD_POST_REMOVE = 9010;
  /** u64 key: forget the post-removes stored under the key. */
  public static final int CONTROL_CLEAR_POST_REMOVES = 9011;
  /** str name (cosmetic). */
  public static final int CONTROL_SET_CON_NAME = 9012;
  /** str url (cosmetic). */
  public static final int CONTROL_SET_CON_URL = 9013;
  /** blob: an event-log entry. */
  public static final int CONTROL_LOG_MESSAGE = 9014;

  // Client agent commands, sent to any channel the client is subscribed to.

  /** u16 state (0 new, 1 anonymous, 2 established). */
  public static final int CLIENTAGENT_SET_STATE = 1000;
  /** u64 new client id (the client's sender identity). */
  public static final int CLIENTAGENT_SET_CLIENT_ID = 1001;
  /** blob: a raw client message (u16 type + payload). */
  public static final int CLIENTAGENT_SEND_DATAGRAM = 1002;
  /** u16 code, str reason. */
  public static final int CLIENTAGENT_EJECT = 1004;
  /** no payload: close silently. */
  public static final int CLIENTAGENT_DROP = 1005;
  /** u32 context. */
  public static final int CLIENTAGENT_GET_NETWORK_ADDRESS = 1006;
  /** u32 context, str remote ip, u16 remote port, str local ip, u16 local port. */
  public static final int CLIENTAGENT_GET_NETWORK_ADDRESS_RESP = 1007;
  /** u32 doId, u16 class id. */
  public static final int CLIENTAGENT_DECLARE_OBJECT = 1010;
  /** u32 doId. */
  public static final int CLIENTAGENT_UNDECLARE_OBJECT = 1011;
  /** u32 doId. */
  public static final int CLIENTAGENT_ADD_SESSION_OBJECT = 1012;
  /** u32 doId. */
  public static final int CLIENTAGENT_REMOVE_SESSION_OBJECT = 1013;
  /** u32 doId, u16 n, u16 field id × n. */
  public static final int CLIENTAGENT_SET_FIELDS_SENDABLE = 1014;
  /** u32 context. */
  public static final int CLIENTAGENT_GET_TLVS = 1015;
  /** u32 context, blob TLVs. */
  public static final int CLIENTAGENT_GET_TLVS_RESP = 1016;
  /** u64 channel. */
  public static final int CLIENTAGENT_OPEN_CHANNEL = 1100;
  /** u64 channel. */
  public static final int CLIENTAGENT_CLOSE_CHANNEL = 1101;
  /** blob: a datagram routed when the client goes away. */
  public static final int CLIENTAGENT_ADD_POST_REMOVE = 1110;
  /** no payload. */
  public static final int CLIENTAGENT_CLEAR_POST_REMOVES = 1111;
  /** u16 interest id, u32 parent, u32 zone. */
  public static final int CLIENTAGENT_ADD_INTEREST = 1200;
  /** u16 interest id, u32 parent, u16 n, u32 zone × n. */
  public static final int CLIENTAGENT_ADD_INTEREST_MULTIPLE = 1201;
  /** u16 interest id. */
  public static final int CLIENTAGENT_REMOVE_INTEREST = 1203;
  /** u64 client id, u16 interest id (client agent to the caller). */
  public static final int CLIENTAGENT_DONE_INTEREST_RESP = 1204;
  /** u64 connection channel, str remote ip, u16 remote port, str local ip, u16 local port (client agent to the extension). */
  public static final int CLIENTAGENT_EXTENSION_CONNECTED = 1300;
  /** u64 connection channel, then the raw 2003 client message to the end (client agent to the extension). */
  public static final int CLIENTAGENT_EXTENSION_MESSAGE = 1301;
  /** u64 connection channel, u64 client id, u16 reason code (0 = closed by the peer), str reason. */
  public static final int CLIENTAGENT_EXTENSION_DISCONNECTED = 1302;

  // State server control messages (to the state server's control channel or to channel 12).

  /** u32 doId, u32 parent, u32 zone, u16 class, required fields. */
  public static final int STATESERVER_CREATE_OBJECT_WITH_REQUIRED = 2000;
  /** as 2000, then u16 n and (u16 field, value) × n. */
  public static final int STATESERVER_CREATE_OBJECT_WITH_REQUIRED_OTHER = 2001;
  /** u64 ai channel. */
  public static final int STATESERVER_DELETE_AI_OBJECTS = 2009;

  // State server object messages (to the object's doId channel).

  /** u32 context, u32 doId, u16 field. */
  public static final int STATESERVER_OBJECT_GET_FIELD = 2010;
  /** u32 context, u8 ok, [u16 field, value]. */
  public static final int STATESERVER_OBJECT_GET_FIELD_RESP = 2011;
  /** u32 context, u32 doId, u16 n, u16 field × n. */
  public static final int STATESERVER_OBJECT_GET_FIELDS = 2012;
  /** u32 context, u8 ok, [u16 n, (u16 field, value) × n]. */
  public static final int STATESERVER_OBJECT_GET_FIELDS_RESP = 2013;
  /** u32 context, u32 doId. */
  public static final int STATESERVER_OBJECT_GET_ALL = 2014;
  /** u32 context, u32 doId, u32 parent, u32 zone, u16 class, required, other. */
  public static final int STATESERVER_OBJECT_GET_ALL_RESP = 2015;
  /** u32 doId, u16 field, value. */
  public static final int STATESERVER_OBJECT_SET_FIELD = 2020;
  /** u32 doId, u16 n, (u16 field, value) × n. */
  public static final int STATESERVER_OBJECT_SET_FIELDS = 2021;
  /** u32 doId, u16 field (not implemented by Astron). */
  public static final int STATESERVER_OBJECT_DELETE_FIELD_RAM = 2030;
  /** u32 doId, u16 n, u16 field × n (not implemented by Astron). */
  public static final int STATESERVER_OBJECT_DELETE_FIELDS_RAM = 2031;
  /** u32 doId. */
  public static final int STATESERVER_OBJECT_DELETE_RAM = 2032;
  /** u32 parent, u32 zone. */
  public static final int STATESERVER_OBJECT_SET_LOCATION = 2040;
  /** u32 doId, u32 new parent, u32 new zone, u32 old parent, u32 old zone. */
  public static final int STATESERVER_OBJECT_CHANGING_LOCATION = 2041;
  /** u32 doId, u32 parent, u32 zone, u16 class, required. */
  public static final int STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED = 2042;
  /** as 2042, then other. */
  public static final int STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER = 2043;
  /** u32 context. */
  public static final int STATESERVER_OBJECT_GET_LOCATION = 2044;
  /** u32 context, u32 doId, u32 parent, u32 zone. */
  public static final int STATESERVER_OBJECT_GET_LOCATION_RESP = 2045;
  /** u32 parent, u32 zone. */
  public static final int STATESERVER_OBJECT_LOCATION_ACK = 2046;
  /** u64 ai channel. */
  public static final int STATESERVER_OBJECT_SET_AI = 2050;
  /** u32 doId, u64 new ai, u64 old ai. */
  public static final int STATESERVER_OBJECT_CHANGING_AI = 2051;
  /** u32 doId, u32 parent, u32 zone, u16 class, required. */
  public static final int STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED = 2052;
  /** as 2052, then other. */
  public static final int STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED_OTHER = 2053;
  /** u32 context. */
  public static final int STATESERVER_OBJECT_GET_AI = 2054;
  /** u32 context, u32 doId, u64 ai channel. */
  public static final int STATESERVER_OBJECT_GET_AI_RESP = 2055;
  /** u64 owner channel. */
  public static final int STATESERVER_OBJECT_SET_OWNER = 2060;
  /** u32 doId, u64 new owner, u64 old owner. */
  public static final int STATESERVER_OBJECT_CHANGING_OWNER = 2061;
  /** u32 doId, u32 parent, u32 zone, u16 class, required. */
  public static final int STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED = 2062;
  /** as 2062, then other. */
  public static final int STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED_OTHER = 2063;
  /** u32 context (not implemented by Astron). */
  public static final int STATESERVER_OBJECT_GET_OWNER = 2064;
  /** u32 context, u32 doId, u64 owner (not implemented by Astron). */
  public static final int STATESERVER_OBJECT_GET_OWNER_RESP = 2065;
  /** u32 context, then as 2042. */
  public static final int STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED = 2066;
  /** u32 context, then as 2043. */
  public static final int STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER = 2067;
  /** u32 context, u32 parent, u32 zone. */
  public static final int STATESERVER_OBJECT_GET_ZONE_OBJECTS = 2100;
  /** u32 context, u32 parent, u16 n, u32 zone × n. */
  public static final int STATESERVER_OBJECT_GET_ZONES_OBJECTS = 2102;
  /** u32 context (not implemented by Astron). */
  public static final int STATESERVER_OBJECT_GET_CHILDREN = 2104;
  /** u32 context, u32 zone (not implemented by Astron). */
  public static final int STATESERVER_OBJECT_GET_ZONE_COUNT = 2110;
  /** u32 context, u32 count. */
  public static final int STATESERVER_OBJECT_GET_ZONE_COUNT_RESP = 2111;
  /** u32 context, u16 n, u32 zone × n (not implemented by Astron). */
  public static final int STATESERVER_OBJECT_GET_ZONES_COUNT = 2112;
  /** u32 context, u32 count. */
  public static final int STATESERVER_OBJECT_GET_ZONES_COUNT_RESP = 2113;
  /** u32 context (not implemented by Astron). */
  public static final int STATESERVER_OBJECT_GET_CHILD_COUNT = 2114;
  /** u32 context, u32 count. */
  public static final int STATESERVER_OBJECT_GET_CHILD_COUNT_RESP = 2115;
  /** u32 zone (not implemented by Astron). */
  public static final int STATESERVER_OBJECT_DELETE_ZONE = 2120;
  /** u16 n, u32 zone × n (not implemented by Astron). */
  public static final int STATESERVER_OBJECT_DELETE_ZONES = 2122;
  /** u32 doId. */
  public static final int STATESERVER_OBJECT_DELETE_CHILDREN = 2124;
  /** u32 context. */
  public static final int STATESERVER_GET_ACTIVE_ZONES = 2125;
  /** u32 context, u16 n, u32 zone × n. */
  public static final int STATESERVER_GET_ACTIVE_ZONES_RESP = 2126;

  // Database-state server messages (to the doId).

  /** u32 doId, u32 parent, u32 zone. */
  public static final int DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS = 2200;
  /** u32 doId, u32 parent, u32 zone, u16 class, u16 n, (u16 field, value) × n. */
  public static final int DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS_OTHER = 2201;
  /** u32 context, u32 doId. */
  public static final int DBSS_OBJECT_GET_ACTIVATED = 2207;
  /** u32 context, u32 doId, u8 active. */
  public static final int DBSS_OBJECT_GET_ACTIVATED_RESP = 2208;
  /** u32 doId, u16 field (not implemented by Astron). */
  public static final int DBSS_OBJECT_DELETE_FIELD_RAM = 2230;
  /** u32 doId, u16 n, u16 field × n (not implemented by Astron). */
  public static final int DBSS_OBJECT_DELETE_FIELDS_RAM = 2231;
  /** u32 doId. */
  public static final int DBSS_OBJECT_DELETE_DISK = 2232;

  // Database server messages (to the database's control channel or to channel 13).

  /** u32 context, u16 class, u16 n, (u16 field, value) × n. */
  public static final int DBSERVER_CREATE_OBJECT = 3000;
  /** u32 context, u32 doId (0 = failure). */
  public static final int DBSERVER_CREATE_OBJECT_RESP = 3001;
  /** u32 context, u32 doId, u16 field. */
  public static final int DBSERVER_OBJECT_GET_FIELD = 3010;
  /** u32 context, u8 ok, [u16 field, value]. */
  public static final int DBSERVER_OBJECT_GET_FIELD_RESP = 3011;
  /** u32 context, u32 doId, u16 n, u16 field × n. */
  public static final int DBSERVER_OBJECT_GET_FIELDS = 3012;
  /** u32 context, u8 ok, [u16 n, (u16 field, value) × n]. */
  public static final int DBSERVER_OBJECT_GET_FIELDS_RESP = 3013;
  /** u32 context, u32 doId. */
  public static final int DBSERVER_OBJECT_GET_ALL = 3014;
  /** u32 context, u8 ok, [u16 class, u16 n, (u16 field, value) × n]. */
  public static final int DBSERVER_OBJECT_GET_ALL_RESP = 3015;
  /** u32 doId, u16 field, value. */
  public static final int DBSERVER_OBJECT_SET_FIELD = 3020;
  /** u32 doId, u16 n, (u16 field, value) × n. */
  public static final int DBSERVER_OBJECT_SET_FIELDS = 3021;
  /** u32 context, u32 doId, u16 field, old value, new value. */
  public static final int DBSERVER_OBJECT_SET_FIELD_IF_EQUALS = 3022;
  /** u32 context, u8 ok, [u16 field, current value]. */
  public static final int DBSERVER_OBJECT_SET_FIELD_IF_EQUALS_RESP = 3023;
  /** u32 context, u32 doId, u16 n, (u16 field, old, new) × n. */
  public static final int DBSERVER_OBJECT_SET_FIELDS_IF_EQUALS = 3024;
  /** u32 context, u8 ok, [u16 n, (u16 field, current) × n]. */
  public static final int DBSERVER_OBJECT_SET_FIELDS_IF_EQUALS_RESP = 3025;
  /** u32 context, u32 doId, u16 field, value. */
  public static final int DBSERVER_OBJECT_SET_FIELD_IF_EMPTY = 3026;
  /** u32 context, u8 ok, [u16 field, current value]. */
  public static final int DBSERVER_OBJECT_SET_FIELD_IF_EMPTY_RESP = 3027;
  /** u32 doId, u16 field. */
  public static final int DBSERVER_OBJECT_DELETE_FIELD = 3030;
  /** u32 doId, u16 n, u16 field × n. */
  public static final int DBSERVER_OBJECT_DELETE_FIELDS = 3031;
  /** u32 doId. */
  public static final int DBSERVER_OBJECT_DELETE = 3032;
  /**
   * u32 context, u16 class, u32 after doId, u16 max. Not Astron's: only our embedded database
   * answers it (Astron's database has no look-up but by doId and ignores it).
   */
  public static final int DBSERVER_LIST_OBJECTS = 3090;
  /** u32 context, u16 n, u32 doId × n: ascending, after the given doId; fewer than max = the end. */
  public static final int DBSERVER_LIST_OBJECTS_RESP = 3091;

  private static final Map<Integer, String> NAMES = MessageNames.of(AstronMsg.class);

  /**
   * Names a message type for logs.
   *
   * @param type the u16 type
   * @return the constant's name, or {@code "UNKNOWN(n)"}
   */
  public static String nameOf(int type) {
    String name = NAMES.get(type);
    return name != null ? name : "UNKNOWN(" + type + ")";
  }
}
