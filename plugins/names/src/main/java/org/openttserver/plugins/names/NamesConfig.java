package org.openttserver.plugins.names;

import java.util.List;

/**
 * The {@code plugins.names} section of the configuration (keys in snake_case). Every key is
 * optional.
 *
 * @param nameMaster where to look for the client's NameMasterEnglish.txt, relative to the working
 *     directory; the first file that exists is used, and without any the demo list inside the
 *     plugin (made-up words, which do not match a real client's lists)
 * @param autoApprove whether typed names are final at once instead of waiting for review
 * @param allowDuplicateNames whether two toons may have the same typed name (the 2003 game
 *     allowed it); false keeps a durable index of typed names
 * @param allowNonAscii whether typed names may have letters outside ASCII (the client allows
 *     them unless configured with {@code allow-utf8-name 0})
 * @param maxLength the longest typed name, in characters
 * @param blockedWords typed names with one of these words (any case) are rejected
 * @param blockedFragments typed names whose letters, joined and lower-cased, contain one of these
 *     are rejected
 * @param reservedNames whole names nobody may type (any case, also spelled backwards), such as
 *     the names of the game's NPC toons
 * @param requestTimeoutMs how long a read from the avatars plugin may take (a name write is
 *     waited for however long it takes: it may land after any time-out)
 */
public record NamesConfig(List<String> nameMaster, Boolean autoApprove,
    Boolean allowDuplicateNames, Boolean allowNonAscii, Integer maxLength,
    List<String> blockedWords, List<String> blockedFragments, List<String> reservedNames,
    Integer requestTimeoutMs) {

  /** Fills in defaults and checks ranges. */
  public NamesConfig {
    nameMaster = nameMaster != null ? List.copyOf(nameMaster)
        : List.of("etc/NameMasterEnglish.txt", "etc/phase_3/etc/NameMasterEnglish.txt");
    autoApprove = autoApprove != null && autoApprove;
    allowDuplicateNames = allowDuplicateNames == null || allowDuplicateNames;
    allowNonAscii = allowNonAscii == null || allowNonAscii;
    maxLength = maxLength != null ? maxLength : 40;
    blockedWords = blockedWords != null ? List.copyOf(blockedWords) : List.of();
    blockedFragments = blockedFragments != null ? List.copyOf(blockedFragments) : List.of();
    reservedNames = reservedNames != null ? List.copyOf(reservedNames) : List.of();
    requestTimeoutMs = requestTimeoutMs != null ? requestTimeoutMs : 10_000;
    if (maxLength < 2) {
      throw new IllegalArgumentException("plugins.names.max_length must be at least 2, not "
          + maxLength);
    }
    if (requestTimeoutMs < 1) {
      throw new IllegalArgumentException("plugins.names.request_timeout_ms must be positive");
    }
  }

  /** {@return the defaults} */
  public static NamesConfig defaults() {
    return new NamesConfig(null, null, null, null, null, null, null, null, null);
  }
}
