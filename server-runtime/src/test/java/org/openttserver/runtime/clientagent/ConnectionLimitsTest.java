package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.openttserver.api.msg.BootCode;

/** The front door's counters on a fake clock. */
class ConnectionLimitsTest {
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  private ConnectionLimits limits(int total, int perAddress, int rate) {
    return new ConnectionLimits(new ClientAgentConfig.Limits(0, total, perAddress, rate, 0),
        clock::get);
  }

  private static InetAddress ip(int last) throws Exception {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
  }

  @Test
  void anonymousPerAddress_whenCapReached_thenRefused351UntilOneLogsInOrCloses() throws Exception {
    ConnectionLimits l = limits(100, 2, 0);
    assertThat(l.admit(ip(2))).isNull();
    assertThat(l.admit(ip(2))).isNull();

    assertThat(l.admit(ip(2)).code()).isEqualTo(BootCode.TOO_MANY_CONNECTIONS);
    assertThat(l.admit(ip(3))).as("other addresses unaffected").isNull();

    l.loggedIn(ip(2));
    assertThat(l.admit(ip(2))).isNull();
    l.closed(ip(2), true);
    assertThat(l.admit(ip(2))).isNull();
    assertThat(l.total()).isEqualTo(4);
  }

  @Test
  void total_whenCapReached_thenRefused351AndFreedByClose() throws Exception {
    ConnectionLimits l = limits(2, 50, 0);
    assertThat(l.admit(ip(2))).isNull();
    assertThat(l.admit(ip(3))).isNull();

    assertThat(l.admit(ip(4)).code()).isEqualTo(BootCode.TOO_MANY_CONNECTIONS);
    assertThat(l.total()).isEqualTo(2);

    l.closed(ip(2), true);
    assertThat(l.admit(ip(4))).isNull();
  }

  @Test
  void rate_whenBurstSpent_thenRefused352AndRefilledOverTime() throws Exception {
    // Burst = max(rate 5, per-address cap 3) = 5.
    ConnectionLimits l = limits(100, 3, 5);
    for (int i = 0; i < 5; i++) {
      assertThat(l.admit(ip(2))).isNotEqualTo(new ConnectionLimits.Refusal(
          BootCode.CONNECTING_TOO_FAST, "")).satisfiesAnyOf(
          r -> assertThat(r).isNull(),
          r -> assertThat(r.code()).isEqualTo(BootCode.TOO_MANY_CONNECTIONS));
      l.loggedIn(ip(2));
    }
    assertThat(l.admit(ip(2)).code()).isEqualTo(BootCode.CONNECTING_TOO_FAST);

    clock.addAndGet(200_000_000L); // 0.2 s at 5/s: one token
    assertThat(l.admit(ip(2))).isNull();
    assertThat(l.admit(ip(2)).code()).isEqualTo(BootCode.CONNECTING_TOO_FAST);
  }

  @Test
  void rate_whenRefused_thenNothingCounted() throws Exception {
    ConnectionLimits l = limits(100, 1, 1);
    assertThat(l.admit(ip(2))).isNull();
    assertThat(l.admit(ip(2)).code()).isEqualTo(BootCode.CONNECTING_TOO_FAST);
    assertThat(l.total()).isEqualTo(1);
  }

  @Test
  void addresses_whenAllClosedAndBucketsRefilled_thenForgotten() throws Exception {
    ConnectionLimits l = limits(1000, 50, 20);
    for (int i = 2; i < 200; i++) {
      assertThat(l.admit(ip(i))).isNull();
    }
    clock.addAndGet(10_000_000_000L);
    for (int i = 2; i < 200; i++) {
      l.closed(ip(i), true);
    }
    assertThat(l.total()).isZero();
    assertThat(l.trackedAddresses()).isZero();
  }

  @Test
  void concurrentAdmitAndClose_thenCapNeverExceededAndCountsBackToZero() throws Exception {
    ConnectionLimits l = limits(1_000, 3, 0);
    InetAddress a = ip(9);
    java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger worst = new java.util.concurrent.atomic.AtomicInteger();
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 20_000; i++) {
          if (l.admit(a) == null) {
            worst.accumulateAndGet(open.incrementAndGet(), Math::max);
            open.decrementAndGet();
            l.closed(a, true);
          }
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }

    assertThat(worst.get()).isBetween(1, 3);
    assertThat(l.anonymousFrom(a)).isZero();
    assertThat(l.total()).isZero();
    assertThat(l.trackedAddresses()).isZero();
  }

  @Test
  void total_whenFullAndRoomMade_thenAdmittedAndCountedUntilTheOtherCloses() throws Exception {
    ConnectionLimits l = limits(2, 10, 0);
    l.admit(ip(2));
    l.admit(ip(2));
    int[] asked = new int[1];

    assertThat(l.admit(ip(3), () -> ++asked[0] > 0)).isNull();
    assertThat(asked[0]).isEqualTo(1);
    assertThat(l.total()).as("the evicted one still counts").isEqualTo(3);
    assertThat(l.anonymousFrom(ip(3))).isEqualTo(1);
    l.closed(ip(2), true);
    assertThat(l.total()).isEqualTo(2);
  }

  @Test
  void total_whenFullAndNoRoom_thenRefused351AndNothingCounted() throws Exception {
    ConnectionLimits l = limits(1, 10, 0);
    l.admit(ip(2));

    assertThat(l.admit(ip(3), () -> false).code()).isEqualTo(BootCode.TOO_MANY_CONNECTIONS);
    assertThat(l.anonymousFrom(ip(3))).isZero();
    assertThat(l.total()).isEqualTo(1);
  }

  @Test
  void admit_whenAddressAtItsCapOnAFullServer_thenNobodyEvictedForIt() throws Exception {
    ConnectionLimits l = limits(2, 2, 0);
    l.admit(ip(2));
    l.admit(ip(2));
    assertThat(l.admit(ip(2), () -> {
      throw new AssertionError("room made for an address over its own cap");
    }).code()).isEqualTo(BootCode.TOO_MANY_CONNECTIONS);
  }

  @Test
  void maxConnections_whenOpenFileLimitLower_thenTheLowerCap() {
    ConnectionLimits l = new ConnectionLimits(new ClientAgentConfig.Limits(0, 10_000, 50, 20, 128),
        FileDescriptors.cap(1024, 150, 128), clock::get);
    assertThat(l.maxConnections()).isEqualTo(1024 - 150 - 128);
    assertThat(FileDescriptors.cap(200, 150, 128)).isEqualTo(1);
    assertThat(FileDescriptors.connectionCap(0)).isEqualTo(Integer.MAX_VALUE);
  }
}
