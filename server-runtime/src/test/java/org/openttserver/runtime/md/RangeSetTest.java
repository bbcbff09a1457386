package org.openttserver.runtime.md;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeSetTest {
  private final RangeSet set = new RangeSet();

  private static long[] r(long lo, long hi) {
    return new long[] {lo, hi};
  }

  @Test
  void add_whenAdjacent_thenMerged() {
    set.add(10, 20);
    set.add(21, 30);
    set.add(0, 9);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(0, 30)});
  }

  @Test
  void add_whenOverlapping_thenMerged() {
    set.add(10, 20);
    set.add(15, 25);
    set.add(5, 12);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(5, 25)});
  }

  @Test
  void add_whenSpanningSeveral_thenAllMergedIntoOne() {
    set.add(1, 5);
    set.add(10, 12);
    set.add(20, 22);
    set.add(40, 50);

    set.add(4, 21);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(1, 22), r(40, 50)});
  }

  @Test
  void add_whenGapOfOne_thenKeptApart() {
    set.add(10, 20);
    set.add(22, 30);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(10, 20), r(22, 30)});
    assertThat(set.contains(21)).isFalse();
  }

  @Test
  void add_whenInsideExisting_thenUnchanged() {
    set.add(10, 20);
    set.add(12, 13);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(10, 20)});
  }

  @Test
  void add_whenLowAboveHigh_thenIgnored() {
    set.add(20, 10);

    assertThat(set.isEmpty()).isTrue();
  }

  @Test
  void contains_whenAtBounds_thenInclusive() {
    set.add(10, 20);

    assertThat(set.contains(10)).isTrue();
    assertThat(set.contains(20)).isTrue();
    assertThat(set.contains(9)).isFalse();
    assertThat(set.contains(21)).isFalse();
  }

  @Test
  void remove_whenInMiddle_thenSplits() {
    set.add(10, 30);

    set.remove(15, 20);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(10, 14), r(21, 30)});
  }

  @Test
  void remove_whenPrefixOrSuffix_thenTrims() {
    set.add(10, 30);

    set.remove(5, 12);
    set.remove(28, 40);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(13, 27)});
  }

  @Test
  void remove_whenSpanningSeveral_thenTrimsEndsAndDropsMiddle() {
    set.add(1, 5);
    set.add(10, 12);
    set.add(20, 30);

    set.remove(3, 25);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(1, 2), r(26, 30)});
  }

  @Test
  void remove_whenEverything_thenEmpty() {
    set.add(1, 5);
    set.add(10, 12);

    set.remove(0, -1L);

    assertThat(set.isEmpty()).isTrue();
  }

  @Test
  void remove_whenSingleChannelAtEdge_thenOneLeft() {
    set.add(10, 11);

    set.remove(10, 10);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(11, 11)});
  }

  @Test
  void values_whenNearTwoToThe64_thenComparedUnsigned() {
    set.add(-10L, -1L);
    set.add(0, 5);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(0, 5), r(-10L, -1L)});
    assertThat(set.contains(-1L)).isTrue();
    assertThat(set.contains(-10L)).isTrue();
    assertThat(set.contains(-11L)).isFalse();
    assertThat(set.contains(6)).isFalse();
    assertThat(set.contains(Long.MAX_VALUE)).isFalse();
  }

  @Test
  void add_whenAdjacentAcrossSignedBoundary_thenMerged() {
    set.add(Long.MAX_VALUE - 1, Long.MAX_VALUE);
    set.add(Long.MIN_VALUE, Long.MIN_VALUE + 1);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(Long.MAX_VALUE - 1, Long.MIN_VALUE + 1)});
    assertThat(set.contains(Long.MAX_VALUE)).isTrue();
    assertThat(set.contains(Long.MIN_VALUE)).isTrue();
  }

  @Test
  void add_whenTopRangeThenBelowIt_thenMergedWithoutOverflow() {
    set.add(-5L, -1L);
    set.add(-10L, -6L);
    set.add(0, 0);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(0, 0), r(-10L, -1L)});
  }

  @Test
  void remove_whenTopChannel_thenNoWrapAround() {
    set.add(-10L, -1L);
    set.add(0, 3);

    set.remove(-1L, -1L);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(0, 3), r(-10L, -2L)});
  }

  @Test
  void remove_whenSplittingRangeThatEndsAtTop_thenTailKept() {
    set.add(-10L, -1L);

    set.remove(-6L, -5L);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(-10L, -7L), r(-4L, -1L)});
  }

  @Test
  void add_whenWholeSpace_thenContainsAnything() {
    set.add(0, -1L);
    set.add(5, 6);

    assertThat(set.toArray()).isDeepEqualTo(new long[][] {r(0, -1L)});
    assertThat(set.contains(Long.MIN_VALUE)).isTrue();
  }

  /** Random adds and removes against a plain model, low channels and unsigned-high ones. */
  @Test
  void contains_whenRandomAddsAndRemoves_thenMatchesAModel() {
    java.util.Random random = new java.util.Random(20261206);
    // Domain: 0..63 and 2^64-64 .. 2^64-1, i.e. index i maps to a channel ordered unsigned.
    boolean[] model = new boolean[128];
    for (int step = 0; step < 5_000; step++) {
      int a = random.nextInt(128);
      int b = random.nextInt(128);
      int lo = Math.min(a, b);
      int hi = Math.max(a, b);
      boolean add = random.nextBoolean();
      if (add) {
        set.add(channel(lo), channel(hi));
      } else {
        set.remove(channel(lo), channel(hi));
      }
      for (int i = lo; i <= hi; i++) {
        model[i] = add;
      }
      for (int i = 0; i < 128; i++) {
        assertThat(set.contains(channel(i))).as("step %d, channel index %d", step, i)
            .isEqualTo(model[i]);
      }
    }
  }

  private static long channel(int index) {
    return index < 64 ? index : -128L + index;
  }
}
