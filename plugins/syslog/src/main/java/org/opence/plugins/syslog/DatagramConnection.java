package org.opence.plugins.syslog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * UDP (RFC 5426): one datagram per message on a connected channel, so the address is resolved once
 * and an ICMP "port unreachable" for an earlier datagram surfaces as an error on a later send. A
 * datagram that left gets no further feedback; what is counted as sent is exactly what the kernel took.
 */
final class DatagramConnection extends Connection {

    private final SyslogSettings transport;
    private DatagramChannel channel;
    private ByteBuffer view;

    DatagramConnection(SyslogSettings transport) {
        this.transport = transport;
    }

    @Override
    Delivery send(SyslogSettings settings, List<?> items, String messageId, LongSupplier clock) {
        Delivery delivery = new Delivery();
        boolean connecting = channel == null;
        try {
            if (connecting) {
                open();
                connecting = false;
            }
            writeAll(settings, items, messageId, clock, delivery, this::datagram);
        } catch (IOException e) {
            close();
            delivery.failure = new Delivery.Failure(
                    Problems.describe(e, transport, Duration.ZERO).message(), connecting);
        }
        return delivery;
    }

    private void datagram(byte[] message, int length) throws IOException {
        if (view == null || view.array() != message) {
            view = ByteBuffer.wrap(message);
        }
        view.clear().limit(length);
        channel.write(view);
    }

    private void open() throws IOException {
        InetSocketAddress address = new InetSocketAddress(transport.host(), transport.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException(transport.host());
        }
        DatagramChannel opened = DatagramChannel.open();
        try {
            opened.connect(address);
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        channel = opened;
    }

    @Override
    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to flush on UDP
            }
            channel = null;
        }
    }
}
