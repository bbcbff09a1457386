package org.openttserver.api.dc;

import java.util.EnumSet;
import java.util.Set;

/**
 * A field keyword (a "flag" in 2003 terms) and its bit in the 2003 flag mask.
 *
 * <p>The first eight are the 2003 flags. {@link #P2P} is written {@code p2p} in the 2003 file and
 * {@code ownrecv} in later dialects (same bit). {@link #AIRECV} did not exist in 2003; it is
 * accepted only in {@link DcDialect#EXTENDED} files.
 *
 * @since 0.1
 */
public enum DcKeyword {
  /** Always stored; sent at generate. */
  REQUIRED(0x01, "required"),
  /** Updates go to everyone who sees the object. */
  BROADCAST(0x02, "broadcast"),
  /** Delivered to the object's owner ({@code ownrecv} in Astron). */
  P2P(0x04, "p2p"),
  /** Kept in memory once set. */
  RAM(0x08, "ram"),
  /** Persisted in the database. */
  DB(0x10, "db"),
  /** Any client that sees the object may send it. */
  CLSEND(0x20, "clsend"),
  /** Received by clients (never used by the 2003 file). */
  CLRECV(0x40, "clrecv"),
  /** Only the owner may send it. */
  OWNSEND(0x80, "ownsend"),
  /** Delivered to the AI (extension dialect and Astron only). */
  AIRECV(0x100, "airecv");

  private final int bit;
  private final String word;

  DcKeyword(int bit, String word) {
    this.bit = bit;
    this.word = word;
  }

  /** {@return the bit in the 2003 flag mask (and the hash input)} */
  public int bit() {
    return bit;
  }

  /** {@return the word as written in a 2003 or extension DC file} */
  public String word() {
    return word;
  }

  /**
   * Expands a flag mask.
   *
   * @param mask OR of {@link #bit()} values
   * @return the keywords whose bits are set (a new mutable set)
   */
  public static Set<DcKeyword> fromMask(int mask) {
    Set<DcKeyword> set = EnumSet.noneOf(DcKeyword.class);
    for (DcKeyword k : values()) {
      if ((mask & k.bit) != 0) {
        set.add(k);
      }
    }
    return set;
  }
}
