package org.openttserver.plugins.login;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.msg.AstronMsg;

/**
 * Accounts as database objects: DBSERVER_CREATE_OBJECT, OBJECT_GET_ALL and OBJECT_SET_FIELDS to
 * the database role's control channel, sent from the extension channel.
 */
final class AccountDatabase {
  private final ClusterParticipant cluster;
  private final long sender;
  private final long control;
  private final Duration timeout;
  private final DcFile dc;
  private final AccountCodec codec;

  AccountDatabase(ClusterParticipant cluster, long sender, long control, Duration timeout,
      DcFile dc) {
    this.cluster = cluster;
    this.sender = sender;
    this.control = control;
    this.timeout = timeout;
    this.dc = dc;
    this.codec = new AccountCodec(dc);
  }

  /** Creates the object; completes with its doId, or fails if the database refused. */
  CompletableFuture<Long> create(Account account) {
    long ctx = cluster.newContext();
    DatagramWriter w = Datagram.header(control, sender, AstronMsg.DBSERVER_CREATE_OBJECT)
        .u32(ctx).u16(codec.classNumber());
    codec.writeAll(w, account);
    return cluster.request(Datagram.of(w), AstronMsg.DBSERVER_CREATE_OBJECT_RESP, ctx, timeout)
        .thenApply(reply -> {
          DatagramReader r = reply.payload();
          r.readU32();
          long doId = r.readDoId();
          if (doId == 0) {
            throw new IllegalStateException("the database refused to create the account");
          }
          return doId;
        });
  }

  /** Loads an account; empty if the object does not exist or is not an account. */
  CompletableFuture<Optional<Account>> load(long doId) {
    long ctx = cluster.newContext();
    DatagramWriter w = Datagram.header(control, sender, AstronMsg.DBSERVER_OBJECT_GET_ALL)
        .u32(ctx).doId(doId);
    return cluster.request(Datagram.of(w), AstronMsg.DBSERVER_OBJECT_GET_ALL_RESP, ctx, timeout)
        .thenApply(reply -> {
          DatagramReader r = reply.payload();
          r.readU32();
          if (r.readU8() == 0 || r.readU16() != codec.classNumber()) {
            return Optional.empty();
          }
          return Optional.of(codec.read(doId, r, dc));
        });
  }

  /** Changes some fields (no reply: the database applies updates in arrival order). */
  void update(long doId, Map<String, Object> values) {
    DatagramWriter w = Datagram.header(control, sender, AstronMsg.DBSERVER_OBJECT_SET_FIELDS)
        .doId(doId);
    codec.writeSome(w, values, false);
    cluster.send(Datagram.of(w));
  }

  /** Deletes an object (used when its name could not be indexed). */
  void delete(long doId) {
    cluster.send(Datagram.of(
        Datagram.header(control, sender, AstronMsg.DBSERVER_OBJECT_DELETE).doId(doId)));
  }
}
