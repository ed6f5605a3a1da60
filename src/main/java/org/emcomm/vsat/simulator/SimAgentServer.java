package org.emcomm.vsat.simulator;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.emcomm.vsat.inventory.Credential;
import org.emcomm.vsat.snmp.UsmProtocols;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.TransportStateReference;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;

/**
 * Serves every agent of a {@link SimNetwork} on its own UDP socket with Netty; snmp4j's
 * message dispatcher does the BER and v1/v2c/v3 (USM) work, {@link AgentResponder} the MIB.
 */
public final class SimAgentServer implements AutoCloseable {
    private final SimNetwork network;
    private final EventLoopGroup group;
    private final MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
    private final List<NettyAgentTransport> transports = new ArrayList<>();

    public SimAgentServer(SimNetwork network, int threads) {
        this(network, threads, "emcomm-sim");
    }

    /** {@code engineName} makes the SNMPv3 engine ID: a new name looks like a replaced agent. */
    public SimAgentServer(SimNetwork network, int threads, String engineName) {
        this.network = network;
        this.group = new NioEventLoopGroup(threads, r -> {
            Thread t = new Thread(r, "sim-agents");
            t.setDaemon(true);
            return t;
        });
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.defaultSecurity);
        UsmProtocols.register(protocols, network.inventory().credentials().values());
        USM usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID(new OctetString(engineName))), 1);
        SecurityModels models = new SecurityModels();
        models.addSecurityModel(usm);
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(usm.getLocalEngineID().getValue(), null, protocols, models, org.snmp4j.mp.CounterSupport.getInstance()));
        java.util.Set<String> users = new java.util.HashSet<>();
        for (SimAgent a : network.agents()) {
            if (a.credential instanceof Credential.Usm u && users.add(u.user())) usm.addUser(UsmProtocols.user(u));
        }
        dispatcher.addCommandResponder(new AgentResponder(network));
    }

    /** Binds every agent's address; fails with the address that could not be bound. */
    public void start() throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .option(ChannelOption.SO_SNDBUF, 1 << 20);
        List<ChannelFuture> binds = new ArrayList<>();
        for (SimAgent a : network.agents()) {
            NettyAgentTransport transport = new NettyAgentTransport(a);
            transports.add(transport);
            binds.add(b.clone().handler(new Inbound(transport))
                    .bind(new InetSocketAddress(a.address.host(), a.address.port())));
        }
        for (int i = 0; i < binds.size(); i++) {
            ChannelFuture f = binds.get(i).await();
            if (!f.isSuccess()) {
                close();
                throw new IllegalStateException("simulator cannot bind agent " + transports.get(i).agent.id + " at "
                        + transports.get(i).agent.address + ": " + f.cause().getMessage(), f.cause());
            }
            transports.get(i).channel = f.channel();
        }
    }

    public int agents() { return transports.size(); }

    private volatile java.util.function.BiConsumer<String, InetSocketAddress> requests;

    /** Called with the agent's id and the sender of every datagram an agent receives (tests: who polled what, when). */
    public void onRequest(java.util.function.BiConsumer<String, InetSocketAddress> observer) { requests = observer; }

    @Override
    public void close() {
        for (NettyAgentTransport t : transports) t.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        private final NettyAgentTransport transport;

        Inbound(NettyAgentTransport transport) { this.transport = transport; }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            byte[] bytes = new byte[content.readableBytes()];
            content.readBytes(bytes);
            InetSocketAddress sender = packet.sender();
            var observer = requests;
            if (observer != null) observer.accept(transport.agent.id, sender);
            UdpAddress from = new UdpAddress(sender.getAddress(), sender.getPort());
            TransportStateReference ref = new TransportStateReference(transport, from, null,
                    SecurityLevel.undefined, SecurityLevel.undefined, false, null);
            try {
                dispatcher.processMessage(transport, from, ByteBuffer.wrap(bytes), ref);
            } catch (RuntimeException e) {
                // Garbage in: a real agent drops the datagram and carries on.
            }
        }
    }
}
