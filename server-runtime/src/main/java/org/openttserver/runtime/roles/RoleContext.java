package org.openttserver.runtime.roles;

import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.openttserver.api.dc.DcFile;
import org.openttserver.runtime.md.MessageDirector;

/**
 * What a role gets from the server.
 *
 * @param md the embedded message director
 * @param group Netty event loops for listeners
 * @param pool threads for participants' serial executors
 * @param timers a scheduler for timeouts
 * @param configFile the configuration file, for messages
 * @param dataDir the data directory
 * @param dc the loaded DC files
 */
public record RoleContext(MessageDirector md, EventLoopGroup group, ExecutorService pool,
    ScheduledExecutorService timers, Path configFile, Path dataDir, DcFile dc) {}
