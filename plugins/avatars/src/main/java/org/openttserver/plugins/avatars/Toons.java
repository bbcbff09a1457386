package org.openttserver.plugins.avatars;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import org.openttserver.api.bridge.DatabaseObjects;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.LiveObjects;
import org.openttserver.api.bridge.NoSuchObjectException;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcKeyword;
import org.openttserver.api.dc.DcParameter;
import org.slf4j.Logger;

/**
 * Toons and the accounts' slot lists in the database, through the bridge only.
 *
 * <p>The account's {@code OpenTTAccount.setAvatarSlots} (six doIds, 0 = empty) is the only
 * authority on which toon belongs to which account: every ownership check reads it, and every
 * change to it is a set-if-equals from the array just read to the new array, retried on a
 * conflict, so two writers can never both fill (or clear) a slot.
 *
 * <p>Durability: the database acknowledges a create and a set-if-equals after its commit. Plain
 * sets and deletes have no reply in Astron; the database applies one sender's requests in order
 * and routes a reply only after the commit that holds it, so a read sent after them and answered
 * is the proof they are on disk ({@link #barrier}). Nothing is reported to a client before that.
 */
final class Toons {
  /** Slots per account (the 2003 chooser's six panels). */
  static final int SLOTS = 6;
  private static final int CLAIM_ATTEMPTS = 50;
  private static final int WRITE_THROUGH_POLLS = 100;
  private static final long WRITE_THROUGH_POLL_MS = 20;

  private final DatabaseObjects db;
  private final LiveObjects live;
  private final DcClass toon;
  private final DcClass account;
  private final NameStore names;
  private final Logger log;
  private final boolean owningAccountStored;
  /** Per toon, the end of its last queued name write (see {@link #inNameOrder}). */
  private final Map<Long, CompletableFuture<?>> nameTurns = new HashMap<>();
  private final Journal journal;
  private CompletableFuture<Void> recovery;

  Toons(DatabaseObjects db, LiveObjects live, DcFile dc, NameStore names, Journal journal,
      Logger log) {
    this.db = db;
    this.journal = journal;
    this.live = live;
    this.toon = dc.dclass("DistributedToon");
    this.account = dc.dclass("OpenTTAccount");
    this.names = names;
    this.log = log;
    this.owningAccountStored = toon.findField("OwningAccount")
        .map(f -> f.has(DcKeyword.DB)).orElse(false);
  }

  DcClass toonClass() {
    return toon;
  }

  /**
   * Checks at start that a new toon can be made from the DC's defaults: every required db field
   * but the name and the DNA needs one (the reference toon.dc and our demo DC give all).
   *
   * @param dc the loaded DC files
   * @throws IllegalStateException naming the fields without a default
   */
  static void checkDc(DcFile dc) {
    DcClass t = dc.findClass("DistributedToon").orElse(null);
    if (t == null || dc.findClass("OpenTTAccount").isEmpty()) {
      throw new IllegalStateException("avatars: the DC files have no DistributedToon or no "
          + "OpenTTAccount class");
    }
    List<String> missing = new ArrayList<>();
    for (DcField f : t.requiredFields()) {
      if (f.has(DcKeyword.DB) && !f.name().equals("setName") && !f.name().equals("setDNAString")
          && f.parameters().stream().noneMatch(DcParameter::hasDefault)) {
        missing.add(f.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("avatars: DistributedToon fields without a DC default "
          + "(a new toon would have no value for them): " + missing);
    }
  }

  /**
   * Start-up recovery from the {@link Journal}, once: creates and deletes wait for it; a failed
   * attempt (the database unreachable) is tried again by the next create or delete.
   *
   * @return completes once every toon an interrupted operation left unlisted is deleted and the
   *     journal is cleared
   */
  synchronized CompletableFuture<Void> ready() {
    if (recovery == null || recovery.isCompletedExceptionally()) {
      recovery = recover();
    }
    return recovery;
  }

  private CompletableFuture<Void> recover() {
    List<Journal.Open> open;
    try {
      open = journal.unfinished();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (Journal.Open o : open) {
      if (o.toonId() == 0) {
        log.warn("avatars: a create in slot {} of account {} was interrupted before the "
            + "database's answer reached the journal; if the database made that toon, no "
            + "account lists it and it cannot be found by account (no look-up by field)",
            o.slot(), o.accountId());
        continue;
      }
      all.add(recover(o));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenCompose(x -> journal.clear())
        .whenComplete((x, e) -> {
          if (e != null) {
            log.warn("avatars: journal recovery failed (tried again by the next create or "
                + "delete): {}", cause(e).toString());
          }
        });
  }

  /** Deletes an interrupted operation's toon unless its account lists it. */
  private CompletableFuture<Void> recover(Journal.Open o) {
    long id = o.toonId();
    return slots(o.accountId()).handle((s, e) -> {
      if (e != null && !(cause(e) instanceof NoSuchObjectException)) {
        throw new CompletionException(cause(e));
      }
      return e == null && s.indexOf(id) >= 0;
    }).thenCompose(listed -> {
      if (listed) {
        return CompletableFuture.completedFuture(null);
      }
      return load(id).thenCompose(t -> {
        // The accountName check keeps a doId the database has since reused for another
        // account's toon from being deleted.
        if (t.isEmpty() || !t.get().accountName().equals(o.accountName())) {
          return CompletableFuture.completedFuture(null);
        }
        log.warn("avatars: deleting toon {}: an interrupted {} of account {} left it in no "
            + "slot", id, o.create() ? "create" : "delete", o.accountId());
        return db.delete(id).thenRun(() -> names.forget(id))
            .thenCompose(x -> barrier(o.accountId()));
      });
    });
  }

  /** An account's slot array as stored, and its six ids. */
  record Slots(FieldValues stored, long[] ids) {
    int indexOf(long avatarId) {
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] == avatarId && avatarId != 0) {
          return i;
        }
      }
      return -1;
    }
  }

  /** A stored toon. */
  record Toon(long id, FieldValues values, NameStore.Wish wish) {
    String name() {
      return values.find("setName").map(l -> (String) l.get(0)).orElse("");
    }

    byte[] dna() {
      return values.find("setDNAString").map(l -> (byte[]) l.get(0)).orElse(new byte[0]);
    }

    String accountName() {
      return values.find("setAccountName").map(l -> (String) l.get(0)).orElse("");
    }
  }

  /** A toon in its slot. */
  record Placed(int slot, Toon toon) {}

  /** Reads an account's slots; fails with {@link NoSuchObjectException} without the account. */
  CompletableFuture<Slots> slots(long accountId) {
    return db.get(accountId, account, "setAvatarSlots").thenApply(Toons::parseSlots);
  }

  private static Slots parseSlots(FieldValues v) {
    long[] ids = new long[SLOTS];
    List<?> list = v.find("setAvatarSlots").map(l -> (List<?>) l.get(0)).orElse(List.of());
    for (int i = 0; i < Math.min(SLOTS, list.size()); i++) {
      ids[i] = ((Number) list.get(i)).longValue();
    }
    return new Slots(v, ids);
  }

  private FieldValues slotValues(long[] ids) {
    List<Long> list = new ArrayList<>(SLOTS);
    for (long id : ids) {
      list.add(id);
    }
    return FieldValues.builder(account).set("setAvatarSlots", list).build();
  }

  /** Loads a toon; empty if there is none with that id (or the object is not a toon). */
  CompletableFuture<Optional<Toon>> load(long avatarId) {
    if (avatarId == 0) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return db.getAll(avatarId).handle((o, e) -> {
      if (e != null) {
        if (cause(e) instanceof NoSuchObjectException) {
          return Optional.empty();
        }
        throw new CompletionException(cause(e));
      }
      if (o.dclass() != toon) {
        return Optional.empty();
      }
      return Optional.of(new Toon(avatarId, o.fields(), names.read(avatarId, o.fields())));
    });
  }

  /** An account's toons in slot order (slots pointing at a missing toon are left out). */
  CompletableFuture<List<Placed>> list(long accountId) {
    return slots(accountId).thenCompose(this::list);
  }

  CompletableFuture<List<Placed>> list(Slots slots) {
    List<CompletableFuture<Optional<Toon>>> loads = new ArrayList<>();
    for (long id : slots.ids()) {
      loads.add(load(id));
    }
    return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).thenApply(x -> {
      List<Placed> out = new ArrayList<>();
      for (int i = 0; i < SLOTS; i++) {
        Optional<Toon> t = loads.get(i).join();
        if (t.isPresent()) {
          out.add(new Placed(i, t.get()));
        }
      }
      return out;
    });
  }

  /**
   * Creates a toon in a slot of an account.
   *
   * <p>Order: the toon object is created first (its doId is needed for the slot), then the slot
   * is claimed with set-if-equals. The reverse order (claim, then create) is impossible, the
   * slot holds the doId. So that a kill -9 between the two cannot leave a toon no account lists,
   * the {@link Journal} gets the intent (account, slot) before the create and the new id before
   * the claim, each fsynced; at start-up {@link #recover} deletes every journalled toon its
   * account does not list.
   *
   * <p>The window that remains: the database has committed the new toon but its id has not
   * reached the journal yet (the create reply in flight, or the journal's fsync). The protocol
   * has no look-up by field (DBSERVER_* finds objects by doId only) and the database picks the
   * doId, so the toon cannot be found again: start-up logs the journalled intent (account and
   * slot) and the toon stays as an unreferenced row (its OwningAccount field, where the DC
   * stores it, names the account) until an offline clean-up removes it. It is unreachable, not
   * half-owned: ownership is decided only by the account's slots, and the client, which never
   * got its CREATE_AVATAR_RESP, still shows the slot as empty.
   *
   * @param accountId the account
   * @param accountName its name (stored as the toon's setAccountName)
   * @param dna a validated DNA string
   * @param slot 0–5
   * @return the new toon's id, or 0 if the slot is (or became) taken
   */
  CompletableFuture<Long> create(long accountId, String accountName, byte[] dna, int slot) {
    return ready().thenCompose(r -> slots(accountId)).thenCompose(current -> {
      if (current.ids()[slot] != 0) {
        return CompletableFuture.completedFuture(0L);
      }
      FieldValues.Builder b = FieldValues.builder(toon)
          .set("setName", ToonDna.temporaryName(dna))
          .set("setDNAString", (Object) dna)
          .set("setAccountName", accountName)
          .set("setDefaultShard", 0L)
          .set("setPosIndex", (long) slot);
      if (owningAccountStored) {
        b.set("OwningAccount", accountId);
      }
      if (names.toonFields().length > 0) {
        b.set("WishName", "").set("WishNameState", "OPEN");
      }
      long seq = journal.next();
      // The D line is not waited for: recovery keeps a toon its account lists, D or not.
      return journal.creating(seq, accountId, accountName, slot)
          .thenCompose(x -> db.create(toon, b.build()))
          .thenCompose(id -> journal.created(seq, id).thenApply(x -> id))
          .thenCompose(TestHooks::beforeClaim)
          .thenCompose(id -> claim(accountId, slot, id, current, CLAIM_ATTEMPTS))
          .thenApply(id -> {
            ended(seq);
            return id;
          });
    });
  }

  private CompletableFuture<Long> claim(long accountId, int slot, long id, Slots seen,
      int attempts) {
    long[] next = seen.ids().clone();
    next[slot] = id;
    return db.setIfEquals(accountId, seen.stored(), slotValues(next)).thenCompose(r -> {
      if (r.ok()) {
        return CompletableFuture.completedFuture(id);
      }
      Slots now = parseSlots(r.current());
      if (now.ids()[slot] != 0 || attempts <= 1) {
        // Lost the race for this slot: the new toon is nobody's, remove it before answering.
        log.debug("avatars: slot {} of account {} taken meanwhile; deleting toon {}", slot,
            accountId, id);
        return db.delete(id).thenCompose(x -> barrier(accountId)).thenApply(x -> 0L);
      }
      return claim(accountId, slot, id, now, attempts - 1);
    });
  }

  /**
   * Deletes an account's toon. Order, every step safe to repeat: the toon leaves every friend's
   * list (any failure stops here: nothing is released and the client may try again), the
   * {@link Journal} gets the intent, the slot is cleared (set-if-equals), the object is deleted.
   * A kill -9 after the slot is cleared and before the delete leaves a toon no account lists:
   * start-up recovery deletes it.
   *
   * @return the account's slots afterwards, or empty if the toon is not the account's
   */
  CompletableFuture<Optional<Slots>> delete(long accountId, long avatarId) {
    return ready().thenCompose(r -> slots(accountId)).thenCompose(s -> {
      if (s.indexOf(avatarId) < 0) {
        return CompletableFuture.completedFuture(Optional.<Slots>empty());
      }
      long seq = journal.next();
      return load(avatarId).thenCompose(t -> t.map(this::leaveFriends)
              .orElse(CompletableFuture.completedFuture(null))
              .thenCompose(x -> journal.deleting(seq, accountId,
                  t.map(Toon::accountName).orElse(""), avatarId)))
          .thenCompose(x -> release(accountId, avatarId, s, CLAIM_ATTEMPTS))
          .thenCompose(freed -> {
            if (!freed) { // another delete of it got there first
              ended(seq);
              return CompletableFuture.completedFuture(Optional.<Slots>empty());
            }
            return db.delete(avatarId)
                .thenCompose(x -> names.forget(avatarId))
                .thenCompose(x -> slots(accountId)) // the barrier: the delete is on disk
                .thenApply(after -> {
                  ended(seq); // recovery would only delete a toon that is gone already
                  return Optional.of(after);
                });
          });
    });
  }

  /**
   * Writes an operation's D line without waiting for its fsync: the answer does not depend on
   * it, because recovery of an operation without D finds the state the operation left.
   */
  private void ended(long seq) {
    journal.done(seq).whenComplete((x, e) -> {
      if (e != null) {
        log.warn("avatars: could not journal the end of operation {} (recovery will check it"
            + " again): {}", seq, cause(e).toString());
      }
    });
  }

  private CompletableFuture<Boolean> release(long accountId, long avatarId, Slots seen,
      int attempts) {
    int i = seen.indexOf(avatarId);
    if (i < 0) {
      return CompletableFuture.completedFuture(false);
    }
    long[] next = seen.ids().clone();
    next[i] = 0;
    return db.setIfEquals(accountId, seen.stored(), slotValues(next)).thenCompose(r -> {
      if (r.ok()) {
        return CompletableFuture.completedFuture(true);
      }
      if (attempts <= 1) {
        return CompletableFuture.failedFuture(new IllegalStateException(
            "avatars: the slots of account " + accountId + " keep changing"));
      }
      return release(accountId, avatarId, parseSlots(r.current()), attempts - 1);
    });
  }

  /** Removes a toon about to be deleted from each of its friends' lists; fails if one fails. */
  private CompletableFuture<Void> leaveFriends(Toon t) {
    List<?> friends = t.values().find("setFriendsList").map(l -> (List<?>) l.get(0))
        .orElse(List.of());
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (Object pair : friends) {
      long friend = ((Number) ((List<?>) pair).get(0)).longValue();
      all.add(unfriend(friend, t.id()).exceptionally(e -> {
        throw new CompletionException(new IllegalStateException("avatars: could not remove "
            + "toon " + t.id() + " from friend " + friend + "'s list: " + cause(e), cause(e)));
      }));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  /**
   * Removes one id from a friend's list: through the DB-state server when the friend is active
   * (so its client gets the update and the DBSS writes it through), in the database with
   * set-if-equals otherwise.
   */
  private CompletableFuture<Void> unfriend(long friend, long gone) {
    return live.isActive(friend).exceptionally(e -> false).thenCompose(active -> active
        ? unfriendLive(friend, gone, CLAIM_ATTEMPTS)
        : unfriendStored(friend, gone, CLAIM_ATTEMPTS));
  }

  /**
   * The DB-state server has no set-if-equals: the list is read, read again just before the set
   * (a change in between starts over), and read after the set (the id still there, because a
   * concurrent set of the whole list won, starts over), then the database is polled until the
   * DBSS has written it through. What remains: another writer's change landing between the
   * second read and our set is overwritten.
   */
  private CompletableFuture<Void> unfriendLive(long friend, long gone, int attempts) {
    return live.getFields(friend, toon, "setFriendsList").thenCompose(v -> {
      List<Object> kept = without(v, gone);
      if (kept == null) {
        return CompletableFuture.completedFuture(null);
      }
      return live.getFields(friend, toon, "setFriendsList").thenCompose(again -> {
        if (!again.equals(v)) {
          return retryLive(friend, gone, attempts);
        }
        return live.setFields(friend,
                FieldValues.builder(toon).set("setFriendsList", kept).build())
            .thenCompose(x -> live.getFields(friend, toon, "setFriendsList"))
            .thenCompose(after -> without(after, gone) == null
                ? writtenThrough(friend, gone, WRITE_THROUGH_POLLS)
                : retryLive(friend, gone, attempts));
      });
    });
  }

  /**
   * The DBSS writes the list to the database on its own (another sender than ours, so no order
   * with our later writes): before the slot is released, wait until the database has it too.
   */
  private CompletableFuture<Void> writtenThrough(long friend, long gone, int polls) {
    return db.get(friend, toon, "setFriendsList").thenCompose(v -> {
      if (without(v, gone) == null) {
        return CompletableFuture.completedFuture(null);
      }
      if (polls <= 1) {
        return CompletableFuture.failedFuture(new IllegalStateException("the DB-state server "
            + "did not write the friends list of " + friend + " to the database in time"));
      }
      return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(
          WRITE_THROUGH_POLL_MS, TimeUnit.MILLISECONDS))
          .thenCompose(x -> writtenThrough(friend, gone, polls - 1));
    });
  }

  private CompletableFuture<Void> retryLive(long friend, long gone, int attempts) {
    if (attempts <= 1) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          "the friends list of " + friend + " keeps changing"));
    }
    return unfriendLive(friend, gone, attempts - 1);
  }

  private CompletableFuture<Void> unfriendStored(long friend, long gone, int attempts) {
    return db.get(friend, toon, "setFriendsList").thenCompose(v -> {
      List<Object> kept = without(v, gone);
      if (kept == null) {
        return CompletableFuture.completedFuture(null);
      }
      FieldValues next = FieldValues.builder(toon).set("setFriendsList", kept).build();
      return db.setIfEquals(friend, v, next).thenCompose(r -> {
        if (r.ok()) {
          return CompletableFuture.completedFuture(null);
        }
        if (attempts <= 1) {
          return CompletableFuture.failedFuture(new IllegalStateException(
              "the friends list of " + friend + " keeps changing"));
        }
        return unfriendStored(friend, gone, attempts - 1);
      });
    }).exceptionally(e -> {
      if (cause(e) instanceof NoSuchObjectException) {
        return null; // the friend is gone too
      }
      throw new CompletionException(cause(e));
    });
  }

  /** {@return the list without {@code gone}, or null if it was not there} */
  private static List<Object> without(FieldValues v, long gone) {
    List<?> list = v.find("setFriendsList").map(l -> (List<?>) l.get(0)).orElse(List.of());
    List<Object> kept = new ArrayList<>();
    for (Object pair : list) {
      if (((Number) ((List<?>) pair).get(0)).longValue() != gone) {
        kept.add(pair);
      }
    }
    return kept.size() == list.size() ? null : kept;
  }

  /**
   * Changes a toon's name fields and waits until they are on disk, whatever their state.
   *
   * @param avatarId the toon
   * @param name the new setName, or null to keep it
   * @param wish the new review state
   * @return completes once stored; fails with {@link NoSuchElementException} without the toon
   */
  CompletableFuture<Void> writeName(long avatarId, String name, NameStore.Wish wish) {
    return writeNameIf(avatarId, null, name, wish).thenApply(x -> null);
  }

  /**
   * Changes a toon's name fields if its review state is still {@code expected}, and waits until
   * they are on disk. This plugin is the only writer of name states, and every name write of it
   * goes through here one after the other per toon ({@link #inNameOrder}): the state is read and
   * compared inside that turn, so nothing can change it between the comparison and the write.
   *
   * @param avatarId the toon
   * @param expected the state the caller read, or null to write whatever the state
   * @param name the new setName, or null to keep it
   * @param wish the new review state
   * @return true once stored; false, nothing written, if the state is no longer {@code
   *     expected}; fails with {@link NoSuchElementException} without the toon
   */
  CompletableFuture<Boolean> writeNameIf(long avatarId, NameStore.Wish expected, String name,
      NameStore.Wish wish) {
    return inNameOrder(avatarId, () -> load(avatarId).thenCompose(t -> {
      if (t.isEmpty()) {
        return CompletableFuture.failedFuture(new NoSuchElementException("no toon " + avatarId));
      }
      if (expected != null && !t.get().wish().equals(expected)) {
        log.info("avatars: name of toon {} not changed to {}: it is {}, not {}", avatarId, wish,
            t.get().wish(), expected);
        return CompletableFuture.completedFuture(false);
      }
      return storeName(avatarId, name, wish).thenApply(x -> true);
    }));
  }

  private CompletableFuture<Void> storeName(long avatarId, String name, NameStore.Wish wish) {
    FieldValues.Builder b = FieldValues.builder(toon);
    if (name != null) {
      b.set("setName", name);
    }
    FieldValues v = names.addTo(wish, b).build();
    // The database first (the name, and the state where the toon stores it), then a state kept
    // apart: a crash in between leaves the old state beside the new name, which the client
    // was not told about yet, never a LOCKED state without its name.
    CompletableFuture<Void> written = v.isEmpty() ? CompletableFuture.completedFuture(null)
        : db.set(avatarId, v);
    return written.thenCompose(x -> name == null ? CompletableFuture.completedFuture(null)
        : renameLive(avatarId, name))
        .thenCompose(x -> db.get(avatarId, toon, "setName")) // the barrier: on disk
        .thenCompose(x -> names.storeApart(avatarId, wish));
  }

  /**
   * Runs a toon's name writes one at a time: {@code task} starts once every earlier task of the
   * same toon has finished (successfully or not).
   */
  private <T> CompletableFuture<T> inNameOrder(long avatarId,
      Supplier<CompletableFuture<T>> task) {
    synchronized (nameTurns) {
      CompletableFuture<?> before = nameTurns.getOrDefault(avatarId,
          CompletableFuture.completedFuture(null));
      CompletableFuture<T> mine = before.handle((x, e) -> null).thenCompose(x -> task.get());
      CompletableFuture<Void> done = mine.handle((x, e) -> null);
      nameTurns.put(avatarId, done);
      done.thenRun(() -> {
        synchronized (nameTurns) {
          nameTurns.remove(avatarId, done);
        }
      });
      return mine;
    }
  }

  /**
   * A toon in the world (active on the DBSS) is renamed there too, so the DBSS's copy and the
   * clients that see it agree with the database (setName is broadcast ram db).
   */
  private CompletableFuture<Void> renameLive(long avatarId, String name) {
    return live.isActive(avatarId).exceptionally(e -> false).thenCompose(active -> active
        ? live.setFields(avatarId, FieldValues.builder(toon).set("setName", name).build())
        : CompletableFuture.completedFuture(null));
  }

  /** A read of the account, answered only after every earlier write of ours is committed. */
  CompletableFuture<Void> barrier(long accountId) {
    return slots(accountId).handle((s, e) -> null);
  }

  static Throwable cause(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
