package org.openttserver.plugins.avatars;

/**
 * The {@code plugins.avatars} section of the configuration (keys in snake_case). Every key is
 * optional.
 *
 * @param dnaValidation {@code strict} (default): CREATE_AVATAR accepts only DNA that the 2003
 *     Make-A-Toon can produce; {@code lenient}: any index inside the client's tables
 * @param nameStateFile where typed-name review states are kept when the DC does not store the
 *     toon's {@code WishName}/{@code WishNameState} fields (the game's own toon.dc), relative to
 *     the plugin's data directory
 */
public record AvatarsConfig(String dnaValidation, String nameStateFile) {
  /** Fills in defaults and checks the values. */
  public AvatarsConfig {
    dnaValidation = dnaValidation != null ? dnaValidation : "strict";
    if (!dnaValidation.equals("strict") && !dnaValidation.equals("lenient")) {
      throw new IllegalArgumentException("plugins.avatars.dna_validation: expected strict or "
          + "lenient, got '" + dnaValidation + "'");
    }
    nameStateFile = nameStateFile != null ? nameStateFile : "name-states.properties";
  }

  /** {@return whether only Make-A-Toon's choices are accepted} */
  public boolean strict() {
    return dnaValidation.equals("strict");
  }
}
