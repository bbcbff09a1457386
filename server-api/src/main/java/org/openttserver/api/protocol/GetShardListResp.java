package org.openttserver.api.protocol;

import java.util.ArrayList;
import java.util.List;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_GET_SHARD_LIST_RESP (9), S→C: the districts, the answer to {@link GetShardList}
 * (protocol-2003.md §2.7). An empty list makes the client show "No Toontown Districts are
 * available" while it waits for the list.
 *
 * <p>Layout: u16 count, then per district a {@link Shard}. sv1.0.6.9 reads nothing else per
 * district (later clients do).
 *
 * <pre>{@code
 * session.send(new GetShardListResp(List.of(
 *     new GetShardListResp.Shard(402000000L, "Toon Valley", 12))));
 * }</pre>
 *
 * @param shards the districts
 * @since 0.2
 */
public record GetShardListResp(List<Shard> shards) implements ClientBound {
  /** The codec: GET_SHARD_LIST_RESP ({@value ClientMsg#GET_SHARD_LIST_RESP}). */
  public static final MessageCodec<GetShardListResp> CODEC = MessageCodec.of(
      ClientMsg.GET_SHARD_LIST_RESP, GetShardListResp.class, GetShardListResp::read,
      GetShardListResp::write);

  /** Copies the list and checks its size. */
  public GetShardListResp {
    shards = List.copyOf(shards);
    Fields.u16("shard count", shards.size());
  }

  /**
   * One district.
   *
   * <p>Layout: u32 shardId, str name, u32 population.
   *
   * @param shardId the district id
   * @param name its name (a known district keeps its first name on the client)
   * @param population its population
   * @since 0.2
   */
  public record Shard(long shardId, String name, long population) {
    /** Checks the ranges. */
    public Shard {
      Fields.u32("shardId", shardId);
      Fields.str("name", name);
      Fields.u32("population", population);
    }
  }

  private static GetShardListResp read(DatagramReader r) {
    int n = r.readU16();
    List<Shard> list = new ArrayList<>(Math.min(n, 64));
    for (int i = 0; i < n; i++) {
      list.add(new Shard(r.readU32(), r.readString(), r.readU32()));
    }
    return new GetShardListResp(list);
  }

  private static void write(GetShardListResp m, DatagramWriter w) {
    w.u16(m.shards.size());
    for (Shard s : m.shards) {
      w.u32(s.shardId()).string(s.name()).u32(s.population());
    }
  }
}
