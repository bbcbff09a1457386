package org.openttserver.plugins.names;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The server's own limits on typed names, beyond the client's rules: blocked words, blocked
 * fragments and reserved whole names (configurable).
 */
final class NamePolicy {
  private final Set<String> words;
  private final List<String> fragments;
  private final Set<String> reserved;

  NamePolicy(List<String> blockedWords, List<String> blockedFragments,
      List<String> reservedNames) {
    this.words = blockedWords.stream().map(NamePolicy::lettersOnly).filter(w -> !w.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    this.fragments = blockedFragments.stream().map(NamePolicy::lettersOnly)
        .filter(w -> !w.isEmpty()).toList();
    this.reserved = reservedNames.stream().map(NamePolicy::key)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** {@return why the name is refused, or null if it may be used} */
  String refusal(String name) {
    for (String w : NameRules.words(name)) {
      if (words.contains(lettersOnly(w))) {
        return "has the blocked word '" + w + "'";
      }
    }
    String joined = lettersOnly(name);
    for (String f : fragments) {
      if (joined.contains(f)) {
        return "contains the blocked fragment '" + f + "'";
      }
    }
    String k = key(name);
    if (reserved.contains(k) || reserved.contains(new StringBuilder(k).reverse().toString())) {
      return "is a reserved name";
    }
    return null;
  }

  /** {@return the name lower-cased with runs of spaces made one: how names compare} */
  static String key(String name) {
    return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static String lettersOnly(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().filter(Character::isLetter).forEach(b::appendCodePoint);
    return b.toString().toLowerCase(Locale.ROOT);
  }
}
