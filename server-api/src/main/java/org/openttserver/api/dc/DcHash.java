package org.openttserver.api.dc;

import java.util.List;

/**
 * The DC hash of the 2003 client ({@code DCFile::get_hash}): integers fed in a fixed order, the
 * k-th multiplied by the k-th prime (index wrapping after 10,000 primes), summed in 32-bit
 * arithmetic and reported unsigned.
 *
 * @since 0.1
 */
public final class DcHash {
  static final int PRIME_COUNT = 10_000;
  static final int[] PRIMES = primes();

  private int hash;
  private int index;

  private DcHash() {}

  private static int[] primes() {
    int[] p = new int[PRIME_COUNT];
    int n = 0;
    for (int c = 2; n < PRIME_COUNT; c++) {
      boolean prime = true;
      for (int i = 0; i < n && p[i] * p[i] <= c; i++) {
        if (c % p[i] == 0) {
          prime = false;
          break;
        }
      }
      if (prime) {
        p[n++] = c;
      }
    }
    return p;
  }

  /**
   * Hashes classes the way the 2003 client hashes its file.
   *
   * @param classes the classes, in declaration order (parents must precede children)
   * @return the hash, unsigned 32 bits
   */
  public static long hash(List<DcClass> classes) {
    DcHash h = new DcHash();
    h.addInt(classes.size());
    for (DcClass c : classes) {
      h.addClass(c);
    }
    return Integer.toUnsignedLong(h.hash);
  }

  private void addInt(int n) {
    hash += PRIMES[index] * n;
    index = (index + 1) % PRIME_COUNT;
  }

  private void addString(String s) {
    addInt(s.length());
    for (int i = 0; i < s.length(); i++) {
      addInt((byte) s.charAt(i)); // 2003 char is signed
    }
  }

  private void addClass(DcClass c) {
    addString(c.name());
    addInt(c.parents().size());
    for (DcClass p : c.parents()) {
      addInt(p.number());
    }
    addInt(c.ownFields().size());
    for (DcField f : c.ownFields()) {
      addString(f.name());
      if (f.isMolecular()) {
        addInt(f.components().size());
        f.components().forEach(this::addAtomic);
      } else {
        addAtomicBody(f);
      }
    }
  }

  private void addAtomic(DcField f) {
    addString(f.name());
    addAtomicBody(f);
  }

  private void addAtomicBody(DcField f) {
    addInt(f.parameters().size());
    for (DcParameter p : f.parameters()) {
      addInt(p.type().code());
      addInt(p.divisor());
    }
    addInt(f.flags());
  }
}
