package org.openttserver.api.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The avatars (DistributedToons) of accounts: provided by the built-in {@code avatars} plugin,
 * which owns the toons' database objects. Other plugins read avatars through it and change an
 * avatar's name only through {@link #updateNameIf} (or, for a change that does not depend on a
 * state read before, {@link #updateName}), so the avatar list a client sees (CLIENT_GET_
 * AVATARS_RESP) always matches what is stored.
 *
 * <p>Without a provider (avatars disabled) a dependent plugin answers as if the avatar did not
 * exist: the names plugin refuses a name with a non-zero code, the friends plugin lists no
 * friend details.
 *
 * <pre>{@code
 * dir.avatarsOf(session.accountId()).thenAccept(list -> {
 *   boolean mine = list.stream().anyMatch(a -> a.avatarId() == avatarId);
 * });
 * }</pre>
 *
 * @since 0.2
 */
public interface AvatarDirectory {
  /**
   * Looks up one avatar.
   *
   * @param avatarId the toon's doId
   * @return the avatar, or empty if there is no toon with that id
   */
  CompletionStage<Optional<AvatarInfo>> avatar(long avatarId);

  /**
   * Lists an account's avatars, by slot (empty slots left out).
   *
   * @param accountId the account
   * @return the avatars, in slot order
   */
  CompletionStage<List<AvatarInfo>> avatarsOf(long accountId);

  /**
   * Changes an avatar's name state, whatever it is now, and stores it durably before the stage
   * completes. A change decided on a state read before must use {@link #updateNameIf} instead.
   *
   * @param avatarId the toon's doId
   * @param change what to store
   * @return completes once stored; fails with {@link java.util.NoSuchElementException} if the
   *     avatar does not exist
   */
  CompletionStage<Void> updateName(long avatarId, NameChange change);

  /**
   * Changes an avatar's name state only if it is still the state the caller read: the stored
   * {@link NameState} and wish name are compared with the expected ones and the change is stored
   * in one step with that comparison, so no other change of the avatar's name can land between
   * the two. Use it for every decision made from a state read earlier (a review outcome, a name
   * the client picks or types, the client's acknowledgement): a name the client was told
   * succeeded is then never overwritten by a decision made on the state before it.
   *
   * <p>Example, approving a typed name only while it still waits for review:
   *
   * <pre>{@code
   * dir.updateNameIf(avatarId, NameState.PENDING, "Flippy Doodle",
   *         new NameChange(null, NameState.APPROVED, "Flippy Doodle"))
   *     .thenAccept(done -> {
   *       if (!done) {
   *         log.info("{} no longer waits with that name", avatarId);
   *       }
   *     });
   * }</pre>
   *
   * @param avatarId the toon's doId
   * @param expectedState the state the caller read
   * @param expectedWish the wish name the caller read ("" for none)
   * @param change what to store
   * @return true once stored durably; false, with nothing written, if the avatar's state or wish
   *     name is no longer the expected one; fails with {@link java.util.NoSuchElementException}
   *     if the avatar does not exist
   * @since 0.2
   */
  CompletionStage<Boolean> updateNameIf(long avatarId, NameState expectedState,
      String expectedWish, NameChange change);

  /**
   * One avatar as other plugins see it.
   *
   * @param avatarId the toon's doId
   * @param accountName the owning account's name (the toon's {@code setAccountName})
   * @param slot its position on the avatar chooser, 0–5, or -1 when looked up by id alone
   * @param name the current name (a temporary "Color Animal" name until named)
   * @param dna the 15-byte toon DNA net string (copied in and out; the record is immutable)
   * @param nameState where the name is in the naming flow
   * @param wishName the typed name under review, approved or rejected, or ""
   */
  record AvatarInfo(long avatarId, String accountName, int slot, String name, byte[] dna,
      NameState nameState, String wishName) {
    /** Copies the DNA and checks the references. */
    public AvatarInfo {
      dna = dna.clone();
      java.util.Objects.requireNonNull(accountName, "accountName");
      java.util.Objects.requireNonNull(name, "name");
      java.util.Objects.requireNonNull(nameState, "nameState");
      java.util.Objects.requireNonNull(wishName, "wishName");
    }

    /** {@return a copy of the DNA net string} */
    @Override
    public byte[] dna() {
      return dna.clone();
    }

    /** {@return true for a boy toon (DNA byte 4 is 1), false for a girl} */
    public boolean isMale() {
      return dna.length > 4 && dna[4] == 1;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof AvatarInfo a && avatarId == a.avatarId && slot == a.slot
          && accountName.equals(a.accountName) && name.equals(a.name)
          && java.util.Arrays.equals(dna, a.dna) && nameState == a.nameState
          && wishName.equals(a.wishName);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(avatarId, accountName, slot, name,
          java.util.Arrays.hashCode(dna), nameState, wishName);
    }

    @Override
    public String toString() {
      return "AvatarInfo[" + avatarId + " '" + name + "' of " + accountName + ", slot " + slot
          + ", " + nameState + (wishName.isEmpty() ? "" : " '" + wishName + "'") + ", dna "
          + java.util.HexFormat.of().formatHex(dna) + "]";
    }
  }

  /**
   * A name change.
   *
   * @param name the new current name, or null to keep it
   * @param nameState the new state
   * @param wishName the new wish name, "" for none
   */
  record NameChange(String name, NameState nameState, String wishName) {}

  /**
   * Where a toon's name is, stored in its {@code WishNameState} field as the constant's name.
   * GET_AVATARS shows the wish name in the slot the state names, and allowedName is 1 while the
   * toon may still be named ({@link #OPEN}, {@link #PENDING}, {@link #REJECTED}).
   */
  enum NameState {
    /** The temporary name; the toon may be named. */
    OPEN,
    /** A typed name waits for review. */
    PENDING,
    /** A typed name was approved; the client acknowledges it (SET_WISHNAME_CLEAR 1). */
    APPROVED,
    /** A typed name was rejected; the client acknowledges it (SET_WISHNAME_CLEAR 0). */
    REJECTED,
    /** The name is final. */
    LOCKED;

    /** {@return true while the toon may still be named (the avatar list's allowedName)} */
    public boolean mayName() {
      return this == OPEN || this == PENDING || this == REJECTED;
    }
  }
}
