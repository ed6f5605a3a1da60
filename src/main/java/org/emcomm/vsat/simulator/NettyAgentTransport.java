package org.emcomm.vsat.simulator;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.snmp4j.TransportStateReference;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.AbstractTransportMapping;

/** One simulated agent's socket as seen by snmp4j's dispatcher: responses go out on the
 * Netty channel the request came in on, so they leave from the agent's own address. */
final class NettyAgentTransport extends AbstractTransportMapping<UdpAddress> {
    final SimAgent agent;
    private final UdpAddress listenAddress;
    volatile Channel channel;

    NettyAgentTransport(SimAgent agent) {
        this.agent = agent;
        this.listenAddress = new UdpAddress(agent.address.host() + "/" + agent.address.port());
    }

    @Override
    public Class<? extends Address> getSupportedAddressClass() { return UdpAddress.class; }

    @Override
    public void sendMessage(UdpAddress address, byte[] message, TransportStateReference ref, long timeout, int retries) {
        Channel c = channel;
        if (c == null || !c.isActive()) return;
        c.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(message),
                new InetSocketAddress(address.getInetAddress(), address.getPort())));
    }

    @Override
    public void close() {
        Channel c = channel;
        if (c != null) c.close();
    }

    @Override
    public void listen() { }

    @Override
    public boolean isListening() { return channel != null && channel.isActive(); }

    @Override
    public UdpAddress getListenAddress() { return listenAddress; }

    @Override
    public int getMaxInboundMessageSize() { return 65535; }
}
