package org.openttserver.testclient.roles;

import static org.openttserver.api.msg.AstronMsg.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openttserver.testclient.md.MdConnection;

/**
 * The state server behaviours Astron's test_stateserver checks that apply here: create and
 * delete, keyword routing (broadcast, airecv, ownrecv, ram, required, molecular), AI and its
 * inheritance, locations and parent tracking, owner, accessors, zone queries, the DELETE_CHILDREN
 * cascade, DELETE_AI_OBJECTS, active zones, filtered snapshots and bad input. Subclass it and give
 * the endpoint, the DC and the control channel.
 */
public abstract class StateServerConformanceTest extends StateServerSupport {

  private Peer watch(long... channels) {
    Peer p = peer();
    for (long c : channels) {
      p.link().subscribe(c);
    }
    settle(p.link());
    return p;
  }

  @Test
  void create_whenParentAndLocationWatched_thenChangingLocationGetAiAndEnterLocation() {
    Peer ai = peer();
    long doid = freshDoid();
    long parent = freshDoid();
    Peer w = watch(parent, loc(parent, 5));
    createWatched(ai, w, doid, parent, 5);
    w.link().expectNone();
  }

  @Test
  void deleteRam_whenObjectLives_thenLocationToldAndParentGetsChangingLocationToNowhere() {
    Peer me = peer();
    long doid = freshDoid();
    long parent = freshDoid();
    Peer w = watch(parent, loc(parent, 5));
    createWatched(me, w, doid, parent, 5);
    toObject(me, doid, STATESERVER_OBJECT_DELETE_RAM, x -> x.doId(doid));
    w.link().expectMany(List.of(
        dg(parent, me.channel(), STATESERVER_OBJECT_CHANGING_LOCATION,
            x -> x.doId(doid).doId(0).u32(0).doId(parent).u32(5)),
        dg(loc(parent, 5), me.channel(), STATESERVER_OBJECT_DELETE_RAM, x -> x.doId(doid))));
    toObject(me, doid, STATESERVER_OBJECT_GET_LOCATION, x -> x.u32(1));
    me.link().expectNone();
  }

  @Test
  void setField_whenBroadcastAndAirecv_thenOneDatagramToLocationAndAiKeepingSender() {
    Peer me = peer();
    long doid = freshDoid();
    long parent = freshDoid();
    Peer w = watch(parent, loc(parent, 5));
    Peer ai = peer();
    createWatched(me, w, doid, parent, 5);
    toObject(me, doid, STATESERVER_OBJECT_SET_AI, x -> x.channel(ai.channel()));
    ai.link().expect(dg(ai.channel(), doid, STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED,
        x -> x.doId(doid).doId(parent).u32(5).u16(cls(PLAIN)).u32(1)));
    w.link().flush();
    int f = fid(PLAIN, "setBroadcastAi");
    long other = freshChannels();
    toObject(me, doid, STATESERVER_OBJECT_SET_FIELD, x -> x.doId(doid).u16(f).u16(7));
    var expected = dg(new long[] {loc(parent, 5), ai.channel()}, me.channel(),
        STATESERVER_OBJECT_SET_FIELD, x -> x.doId(doid).u16(f).u16(7));
    w.link().expectMany(List.of(expected));
    ai.link().expectMany(List.of(expected));
    toObject(ai, doid, STATESERVER_OBJECT_SET_FIELD, x -> x.doId(doid).u16(f).u16(8));
    w.link().expect(dg(loc(parent, 5), ai.channel(), STATESERVER_OBJECT_SET_FIELD,
        x -> x.doId(doid).u16(f).u16(8)));
    ai.link().expectNone();
    assert other != 0;
  }

  @Test
  void setField_whenRamOrNot_thenOnlyRamAndRequiredAreStored() {
    Peer me = peer();
    long doid = freshDoid();
    createPlain(me, doid, 0, 0, 1);
    int ram = fid(PLAIN, "setBroadcastRam");
    int event = fid(PLAIN, "setBroadcast");
    toObject(me, doid, STATESERVER_OBJECT_SET_FIELDS, x -> x.doId(doid).u16(2)
        .u16(ram).string("kept").u16(event).u8(3));
    toObject(me, doid, STATESERVER_OBJECT_GET_FIELD, x -> x.u32(1).doId(doid).u16(ram));
    me.link().expect(dg(me.channel(), doid, STATESERVER_OBJECT_GET_FIELD_RESP,
        x -> x.u32(1).u8(1).u16(ram).string("kept")));
    toObject(me, doid, STATESERVER_OBJECT_GET_FIELD, x -> x.u32(2).doId(doid).u16(event));
    me.link().expect(dg(me.channel(), doid, STATESERVER_OBJECT_GET_FIELD_RESP,
        x -> x.u32(2).u8(0)));
  }

  @Test
  void setFields_whenOneFieldInvalid_thenEarlierOnesRebroadcastSingly_laterDropped() {
    Peer me = peer();
    long doid = freshDoid();
    long parent = freshDoid();
    Peer w = watch(parent, loc(parent, 5));
    createWatched(me, w, doid, parent, 5);
    int b = fid(PLAIN, "setBroadcast");
    int ram = fid(PLAIN, "setBroadcastRam");
    toObject(me, doid, STATESERVER_OBJECT_SET_FIELDS, x -> x.doId(doid).u16(3)
        .u16(b).u8(1).u16(ram).string("r").u16(0xFFFF).u8(0));
    w.link().expect(dg(loc(parent, 5), me.channel(), STATESERVER_OBJECT_SET_FIELD,
        x -> x.doId(doid).u16(b).u8(1)));
    w.link().expect(dg(loc(parent, 5), me.channel(), STATESERVER_OBJECT_SET_FIELD,
        x -> x.doId(doid).u16(ram).string("r")));
    w.link().expectNone();
  }

  @Test
  void getAllAndGetFields_whenRamSet_thenRequiredAndRamInIdOrderUnsetSkipped() {
    Peer me = peer();
    long doid = freshDoid();
    createPlain(me, doid, 0, 0, 9);
    int ram = fid(PLAIN, "setBroadcastRam");
    int ramAi = fid(PLAIN, "setBroadcastRamAi");
    int req = fid(PLAIN, "setRequiredA");
    toObject(me, doid, STATESERVER_OBJECT_SET_FIELD, x -> x.doId(doid).u16(ramAi).u32(4));
    toObject(me, doid, STATESERVER_OBJECT_SET_FIELD, x -> x.doId(doid).u16(ram).string("s"));
    toObject(me, doid, STATESERVER_OBJECT_GET_ALL, x -> x.u32(3).doId(doid));
    me.link().expect(dg(me.channel(), doid, STATESERVER_OBJECT_GET_ALL_RESP, x -> x.u32(3)
        .doId(doid).doId(0).u32(0).u16(cls(PLAIN)).u32(9).u16(2).u16(ram).string("s")
        .u16(ramAi).u32(4)));
    int unset = fid(PLAIN, "setBroadcastRamOwner");
    toObject(me, doid, STATESERVER_OBJECT_GET_FIELDS, x -> x.u32(4).doId(doid).u16(3)
        .u16(ramAi).u16(unset).u16(req));
    me.link().expect(dg(me.channel(), doid, STATESERVER_OBJECT_GET_FIELDS_RESP, x -> x.u32(4)
        .u8(1).u16(2).u16(req).u32(9).u16(ramAi).u32(4)));
    toObject(me, doid, STATESERVER_OBJECT_GET_FIELDS, x -> x.u32(5).doId(doid).u16(1)
        .u16(fid("RoleTestOther", "setOtherRam")));
    me.link().expect(dg(me.channel(), doid, STATESERVER_OBJECT_GET_FIELDS_RESP,
        x -> x.u32(5).u8(0)));
  }

  @Test
  void getLocation_whenAsked_thenAnswersFromDoid() {
    Peer me = peer();
    long doid = freshDoid();
    createPlain(me, doid, 0, 0, 1);
    toObject(me, doid, STATESERVER_OBJECT_SET_LOCATION, x -> x.doId(0).u32(0));
    toObject(me, doid, STATESERVER_OBJECT_GET_LOCATION, x -> x.u32(6));
    me.link().expect(dg(me.channel(), doid, STATESERVER_OBJECT_GET_LOCATION_RESP,
        x -> x.u32(6).doId(doid).doId(0).u32(0)));
  }

  @Test
  void create_whenEachFollowedAtOnceByAQuery_thenEveryNewObjectAnswers() {
    // Nothing waits between a create and the datagram to the new object: Astron handles a
    // create before it routes the next datagram, so the object must already be listening.
    Peer me = peer();
    long[] doids = new long[100];
    for (int i = 0; i < doids.length; i++) {
      doids[i] = freshDoid();
      createPlain(me, doids[i], 0, 0, 1);
      int context = i;
      toObject(me, doids[i], STATESERVER_OBJECT_GET_LOCATION, x -> x.u32(context));
    }
    for (int i = 0; i < doids.length; i++) {
      long doid = doids[i];
      int context = i;
      me.link().expect(dg(me.channel(), doid, STATESERVER_OBJECT_GET_LOCATION_RESP,
          x -> x.u32(context).doId(doid).doId(0).u32(0)));
    }
  }

  @Test
  void setLocation_whenMoved_thenOldParentAndLocationToldAndNewLocationEntered() {
    Peer me = peer();
    long doid = freshDoid();
    long p1 = freshDoid();
    long p2 = freshDoid();
    Peer w = watch(p1, loc(p1, 5), p2, loc(p2, 6));
    createWatched(me, w, doid, p1, 5);
    toObject(me, doid, STATESERVER_OBJECT_SET_LOCATION, x -> x.doId(p2).u32(6));
    w.link().expectMany(List.of(
        dg(p2, doid, STATESERVER_OBJECT_GET_AI, x -> x.u32(1)),
        dg(new long[] {p1, loc(p1, 5), p2}, me.channel(), STATESERVER_OBJECT_CHANGING_LOCATION,
            x -> x.doId(doid).doId(p2).u32(6).doId(p1).u32(5)),
        enterPlain(doid, p2, 6, 1)));
    toObject(me, doid, STATESERVER_OBJECT_SET_LOCATION, x -> x.doId(p2).u32(7));
    w.link().expectMany(List.of(
        dg(new long[] {p2, loc(p2, 6)}, me.channel(), STATESERVER_OBJECT_CHANGING_LOCATION,
            x -> x.doId(doid).doId(p2).u32(7).doId(p2).u32(6))));
  }

  @Test
  void aiInheritance_whenParentAiChanges_thenChildFollowsUnlessExplicit() {
    Peer me = peer();
    Peer ai1 = peer();
    Peer ai2 = peer();
    long parent = freshDoid();
    long child = freshDoid();
    createPlain(me, parent, 0, 0, 1);
    toObject(me, parent, STATESERVER_OBJECT_SET_AI, x -> x.channel(ai1.channel()));
    ai1.link().expect(dg(ai1.channel(), parent, STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED,
        x -> x.doId(parent).doId(0).u32(0).u16(cls(PLAIN)).u32(1)));
    createPlain(me, child, parent, 3, 2);
    ai1.link().expect(dg(ai1.channel(), child, STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED,
        x -> x.doId(child).doId(parent).u32(3).u16(cls(PLAIN)).u32(2)));
    toObject(me, parent, STATESERVER_OBJECT_SET_AI, x -> x.channel(ai2.channel()));
    ai1.link().expectMany(List.of(
        dg(new long[] {ai1.channel(), children(parent)}, me.channel(),
            STATESERVER_OBJECT_CHANGING_AI, x -> x.doId(parent).channel(ai2.channel())
                .channel(ai1.channel())),
        dg(ai1.channel(), me.channel(), STATESERVER_OBJECT_CHANGING_AI,
            x -> x.doId(child).channel(ai2.channel()).channel(ai1.channel()))));
    ai2.link().expectMany(List.of(
        dg(ai2.channel(), parent, STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED,
            x -> x.doId(parent).doId(0).u32(0).u16(cls(PLAIN)).u32(1)),
        dg(ai2.channel(), child, STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED,
            x -> x.doId(child).doId(parent).u32(3).u16(cls(PLAIN)).u32(2))));
    toObject(me, child, STATESERVER_OBJECT_GET_AI, x -> x.u32(8));
    me.link().expect(dg(me.channel(), child, STATESERVER_OBJECT_GET_AI_RESP,
        x -> x.u32(8).doId(child).channel(ai2.channel())));
  }

  @Test
  void setOwner_whenSetAndChanged_thenFilteredEnterOwnerAndChangingOwner() {
    Peer me = peer();
    Peer o1 = peer();
    Peer o2 = peer();
    long doid = freshDoid();
    String vis = "RoleTestVisibility";
    me.link().send(dg(ssControl(), me.channel(), STATESERVER_CREATE_OBJECT_WITH_REQUIRED_OTHER,
        x -> x.doId(doid).doId(0).u32(0).u16(cls(vis)).u8(1).u8(2).u8(3).u16(2)
            .u16(fid(vis, "setHiddenRam")).u8(4).u16(fid(vis, "setOwnerRam")).u8(5)));
    toObject(me, doid, STATESERVER_OBJECT_SET_OWNER, x -> x.channel(o1.channel()));
    o1.link().expect(dg(o1.channel(), doid, STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED_OTHER,
        x -> x.doId(doid).doId(0).u32(0).u16(cls(vis)).u8(2).u8(3).u16(1)
            .u16(fid(vis, "setOwnerRam")).u8(5)));
    toObject(me, doid, STATESERVER_OBJECT_SET_OWNER, x -> x.channel(o1.channel()));
    o1.link().expectNone();
    toObject(me, doid, STATESERVER_OBJECT_SET_OWNER, x -> x.channel(o2.channel()));
    o1.link().expect(dg(o1.channel(), me.channel(), STATESERVER_OBJECT_CHANGING_OWNER,
        x -> x.doId(doid).channel(o2.channel()).channel(o1.channel())));
    o2.link().expect(dg(o2.channel(), doid, STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED_OTHER,
        x -> x.doId(doid).doId(0).u32(0).u16(cls(vis)).u8(2).u8(3).u16(1)
            .u16(fid(vis, "setOwnerRam")).u8(5)));
    int f = fid(PLAIN, "setBroadcastRamOwner");
    assert f > 0;
  }

  @Test
  void enterLocation_whenRamSetButNoneVisible_thenOtherVariantWithFilteredFields() {
    Peer me = peer();
    long doid = freshDoid();
    long parent = freshDoid();
    String vis = "RoleTestVisibility";
    Peer w = watch(loc(parent, 2));
    me.link().send(dg(ssControl(), me.channel(), STATESERVER_CREATE_OBJECT_WITH_REQUIRED_OTHER,
        x -> x.doId(doid).doId(parent).u32(2).u16(cls(vis)).u8(1).u8(2).u8(3).u16(1)
            .u16(fid(vis, "setHiddenRam")).u8(4)));
    w.link().expect(dg(loc(parent, 2), doid, STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER,
        x -> x.doId(doid).doId(parent).u32(2).u16(cls(vis)).u8(2).u16(0)));
  }

  @Test
  void ownrecv_whenOwnerSet_thenUpdatesReachOwnerUnlessOwnerSent() {
    Peer me = peer();
    Peer owner = peer();
    long doid = freshDoid();
    createPlain(me, doid, 0, 0, 1);
    toObject(me, doid, STATESERVER_OBJECT_SET_OWNER, x -> x.channel(owner.channel()));
    owner.link().expect(dg(owner.channel(), doid, STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED,
        x -> x.doId(doid).doId(0).u32(0).u16(cls(PLAIN)).u32(1)));
    int f = fid(PLAIN, "setBroadcastRamOwner");
    toObject(me, doid, STATESERVER_OBJECT_SET_FIELD, x -> x.doId(doid).u16(f).u32(3));
    // One datagram to every target; recipient order is not part of the contract (Astron's
    // differs from ours).
    owner.link().expectMany(List.of(dg(new long[] {loc(0, 0), owner.channel()}, me.channel(),
        STATESERVER_OBJECT_SET_FIELD, x -> x.doId(doid).u16(f).u32(3))));
    toObject(owner, doid, STATESERVER_OBJECT_SET_FIELD, x -> x.doId(doid).u16(f).u32(4));
    owner.link().expectNone();
  }

  @Test
  void molecular_whenSet_thenBroadcastAsMolecularAndStoredAsAtomics() {
    Peer me = peer();
    long doid = freshDoid();
    long parent = freshDoid();
    String mol = "RoleTestMolecular";
    Peer w = watch(loc(parent, 1));
    me.link().send(dg(ssControl(), me.channel(), STATESERVER_CREATE_OBJECT_WITH_REQUIRED,
        x -> x.doId(doid).doId(parent).u32(1).u16(cls(mol)).u32(1).u32(2).u32(3).u32(4)));
    w.link().expect(dg(loc(parent, 1), doid, STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED,
        x -> x.doId(doid).doId(parent).u32(1).u16(cls(mol)).u32(1).u32(2).u32(3).u32(4)));
    int xyz = fid(mol, "setXyz");
    toObject(me, doid, STATESERVER_OBJECT_SET_FIELD, x -> x.doId(doid).u16(xyz).u32(7).u32(8)
        .u32(9));
    w.link().expect(dg(loc(parent, 1), me.channel(), STATESERVER_OBJECT_SET_FIELD,
        x -> x.doId(doid).u16(xyz).u32(7).u32(8).u32(9)));
    toObject(me, doid, STATESERVER_OBJECT_GET_FIELD, x -> x.u32(1).doId(doid).u16(xyz));
    me.link().expect(dg(me.channel(), doid, STATESERVER_OBJECT_GET_FIELD_RESP,
        x -> x.u32(1).u8(1).u16(xyz).u32(7).u32(8).u32(9)));
    toObject(me, doid, STATESERVER_OBJECT_GET_ALL, x -> x.u32(2).doId(doid));
    me.link().expect(dg(me.channel(), doid, STATESERVER_OBJECT_GET_ALL_RESP, x -> x.u32(2)
        .doId(doid).doId(parent).u32(1).u16(cls(mol)).u32(7).u32(8).u32(3).u32(9).u16(0)));
  }

  @Test
  void getZonesObjects_whenChildrenInZones_thenCountFirstThenEnterInterestPerChild() {
    Peer me = peer();
    long parent = freshDoid();
    long a = freshDoid();
    long b = freshDoid();
    long c = freshDoid();
    createPlain(me, parent, 0, 0, 1);
    createPlain(me, a, parent, 5, 2);
    createPlain(me, b, parent, 5, 3);
    createPlain(me, c, parent, 6, 4);
    sync(me, c);
    toObject(me, parent, STATESERVER_GET_ACTIVE_ZONES, x -> x.u32(1));
    MdConnection link = me.link();
    var zones = nextOfType(link, STATESERVER_GET_ACTIVE_ZONES_RESP);
    zones.readU32();
    org.assertj.core.api.Assertions.assertThat(zones.readU16()).isEqualTo(2);
    toObject(me, parent, STATESERVER_OBJECT_GET_ZONES_OBJECTS, x -> x.u32(9).doId(parent).u16(1)
        .u32(5));
    link.expect(dg(me.channel(), parent, STATESERVER_OBJECT_GET_ZONES_COUNT_RESP,
        x -> x.u32(9).doId(2)));
    link.expectMany(List.of(
        dg(me.channel(), a, STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED,
            x -> x.u32(9).doId(a).doId(parent).u32(5).u16(cls(PLAIN)).u32(2)),
        dg(me.channel(), b, STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED,
            x -> x.u32(9).doId(b).doId(parent).u32(5).u16(cls(PLAIN)).u32(3))));
    link.expectNone();
  }

  @Test
  void deleteRam_whenParentHasChildren_thenChildrenDeletedByCascadeWithoutParentNotice() {
    Peer me = peer();
    long parent = freshDoid();
    long child = freshDoid();
    long grandchild = freshDoid();
    createPlain(me, parent, 0, 0, 1);
    createPlain(me, child, parent, 5, 2);
    createPlain(me, grandchild, child, 7, 3);
    sync(me, grandchild);
    Peer w = watch(loc(parent, 5), loc(child, 7));
    toObject(me, parent, STATESERVER_OBJECT_GET_ZONES_OBJECTS, x -> x.u32(1).doId(parent).u16(1)
        .u32(5));
    nextOfType(me.link(), STATESERVER_OBJECT_GET_ZONES_COUNT_RESP);
    nextOfType(me.link(), STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED);
    toObject(me, parent, STATESERVER_OBJECT_DELETE_RAM, x -> x.doId(parent));
    w.link().expectMany(List.of(
        dg(loc(parent, 5), me.channel(), STATESERVER_OBJECT_DELETE_RAM, x -> x.doId(child)),
        dg(loc(child, 7), me.channel(), STATESERVER_OBJECT_DELETE_RAM, x -> x.doId(grandchild))));
    toObject(me, grandchild, STATESERVER_OBJECT_GET_LOCATION, x -> x.u32(1));
    me.link().expectNone();
  }

  @Test
  void deleteAiObjects_whenAiLeaves_thenOnlyExplicitlySetObjectsDeleted() {
    Peer me = peer();
    Peer ai = peer();
    long doid = freshDoid();
    createPlain(me, doid, 0, 0, 1);
    toObject(me, doid, STATESERVER_OBJECT_SET_AI, x -> x.channel(ai.channel()));
    nextOfType(ai.link(), STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED);
    me.link().send(dg(ssControl(), me.channel(), STATESERVER_DELETE_AI_OBJECTS,
        x -> x.channel(ai.channel())));
    ai.link().expect(dg(ai.channel(), me.channel(), STATESERVER_OBJECT_DELETE_RAM,
        x -> x.doId(doid)));
  }

  @Test
  void clientFileKeywords_whenP2pField_thenRoutedToOwnerAndAiAsAstronsRendering() {
    Peer me = peer();
    Peer ai = peer();
    Peer owner = peer();
    long doid = freshDoid();
    me.link().send(dg(ssControl(), me.channel(), STATESERVER_CREATE_OBJECT_WITH_REQUIRED,
        x -> x.doId(doid).doId(0).u32(0).u16(cls("TimeManager"))));
    toObject(me, doid, STATESERVER_OBJECT_SET_AI, x -> x.channel(ai.channel()));
    toObject(me, doid, STATESERVER_OBJECT_SET_OWNER, x -> x.channel(owner.channel()));
    nextOfType(ai.link(), STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED);
    nextOfType(owner.link(), STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED);
    int f = fid("TimeManager", "requestServerTime");
    toObject(me, doid, STATESERVER_OBJECT_SET_FIELD, x -> x.doId(doid).u16(f).u8(4));
    var d = dg(new long[] {ai.channel(), owner.channel()}, me.channel(),
        STATESERVER_OBJECT_SET_FIELD, x -> x.doId(doid).u16(f).u8(4));
    ai.link().expectMany(List.of(d));
    owner.link().expectMany(List.of(d));
  }

  @Test
  void badInput_whenUnknownClassTruncatedOrUnknownField_thenDroppedAndStillServing() {
    Peer me = peer();
    long doid = freshDoid();
    me.link().send(dg(ssControl(), me.channel(), STATESERVER_CREATE_OBJECT_WITH_REQUIRED,
        x -> x.doId(doid).doId(0).u32(0).u16(0xFFFF)));
    me.link().send(dg(ssControl(), me.channel(), STATESERVER_CREATE_OBJECT_WITH_REQUIRED,
        x -> x.doId(doid).doId(0).u32(0).u16(cls(PLAIN)).u8(1)));
    me.link().send(dg(ssControl(), me.channel(), STATESERVER_CREATE_OBJECT_WITH_REQUIRED,
        x -> x.u16(1)));
    toObject(me, doid, STATESERVER_OBJECT_GET_LOCATION, x -> x.u32(1));
    me.link().expectNone();
    createPlain(me, doid, 0, 0, 1);
    toObject(me, doid, STATESERVER_OBJECT_SET_FIELD, x -> x.doId(doid).u16(0xFFFF).u8(1));
    toObject(me, doid, STATESERVER_OBJECT_SET_FIELD, x -> x.doId(doid)
        .u16(fid(PLAIN, "setBroadcastRam")).u16(40));
    toObject(me, doid, STATESERVER_OBJECT_GET_LOCATION, x -> x.u32(2));
    me.link().expect(dg(me.channel(), doid, STATESERVER_OBJECT_GET_LOCATION_RESP,
        x -> x.u32(2).doId(doid).doId(0).u32(0)));
  }
}
