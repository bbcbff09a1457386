package org.openttserver.testclient.ai;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.BridgeSettings;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.service.DistrictDirectory;

/**
 * A stand-in AI for tests: on its own participant of any message director (the embedded one or
 * Astron's), it creates districts the way an AI does (under the district root, with itself as
 * their AI and a post-remove that deletes them should it go away) and objects inside them. Every
 * call waits for the bridge, at most {@link #TIMEOUT}.
 *
 * <pre>{@code
 * LocalParticipant p = server.newParticipant("ai");
 * try (TestAi ai = new TestAi(p, p::close, 4_100_000_000L, dc)) {
 *   long district = ai.district(50_000_001L, "Test Town");
 *   ai.object(50_000_002L, district, 2, "TimeManager");
 * }
 * }</pre>
 */
public final class TestAi implements AutoCloseable {
  /** How long one call waits. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ClusterParticipant participant;
  private final Runnable disconnect;
  private final long channel;
  private final DcFile dc;
  private final AstronBridge bridge;
  private boolean rootMade;
  private boolean postRemoveSet;

  /**
   * An AI on a participant.
   *
   * @param participant its own participant
   * @param disconnect ends the participant's link ({@link #crash} and {@link #close} call it)
   * @param channel its AI channel, also the sender of everything it sends
   * @param dc the cluster's DC files
   */
  public TestAi(ClusterParticipant participant, Runnable disconnect, long channel, DcFile dc) {
    this.participant = participant;
    this.disconnect = disconnect;
    this.channel = channel;
    this.dc = dc;
    this.bridge = AstronBridge.create(participant, channel, dc, BridgeSettings.defaults());
  }

  /** {@return the AI's bridge, for anything this class does not cover} */
  public AstronBridge bridge() {
    return bridge;
  }

  /** {@return the AI channel} */
  public long channel() {
    return channel;
  }

  /**
   * Creates a district (an {@code OpenTTDistrict}, available, population 0) under the root,
   * making the root first if this AI has not.
   *
   * @param doId the district's doId
   * @param name its name
   * @return the doId
   */
  public long district(long doId, String name) {
    if (!rootMade) {
      DcClass root = dc.dclass("OpenTTDistrictRoot");
      await(bridge.objects().createObject(DistrictDirectory.ROOT_DO_ID, 0, 0,
          FieldValues.builder(root).build()));
      rootMade = true;
    }
    if (!postRemoveSet) {
      participant.addPostRemove(channel, Datagram.of(Datagram.header(Channels.ALL_STATE_SERVERS,
          channel, AstronMsg.STATESERVER_DELETE_AI_OBJECTS).u64(channel)));
      postRemoveSet = true;
    }
    DcClass d = dc.dclass("OpenTTDistrict");
    await(bridge.objects().createObject(doId, DistrictDirectory.ROOT_DO_ID,
        DistrictDirectory.DISTRICT_ZONE, FieldValues.builder(d).set("setDistrictName", name)
            .set("setPopulation", 0L).set("setAvailable", 1L).build()));
    await(bridge.objects().setAi(doId, channel));
    return doId;
  }

  /**
   * Opens or closes a district to players choosing one (its {@code setAvailable}).
   *
   * @param districtId the district
   * @param available the new value
   */
  public void setAvailable(long districtId, boolean available) {
    DcClass d = dc.dclass("OpenTTDistrict");
    await(bridge.objects().setFields(districtId,
        FieldValues.builder(d).set("setAvailable", available ? 1L : 0L).build()));
  }

  /**
   * Creates an object with the class's defaults for its required fields.
   *
   * @param doId its doId
   * @param parent its parent (a district)
   * @param zone its zone
   * @param className a class of the DC files
   * @return the doId
   */
  public long object(long doId, long parent, long zone, String className) {
    return object(doId, parent, zone, FieldValues.builder(dc.dclass(className)).build());
  }

  /**
   * Creates an object.
   *
   * @param doId its doId
   * @param parent its parent
   * @param zone its zone
   * @param fields its required fields (others are taken from the DC defaults)
   * @return the doId
   */
  public long object(long doId, long parent, long zone, FieldValues fields) {
    await(bridge.objects().createObject(doId, parent, zone, fields));
    return doId;
  }

  /**
   * Deletes an object (a district: with everything in it).
   *
   * @param doId the object
   */
  public void delete(long doId) {
    await(bridge.objects().deleteRam(doId));
  }

  /**
   * Goes away as a crash does: the participant's link ends without a word, and the message
   * director routes the post-remove that deletes this AI's districts.
   */
  public void crash() {
    close();
  }

  @Override
  public void close() {
    bridge.close();
    disconnect.run();
  }

  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the AI's call failed: " + e, e);
    }
  }
}
