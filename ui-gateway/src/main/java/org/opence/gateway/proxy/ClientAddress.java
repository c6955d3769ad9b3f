package org.opence.gateway.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.http.HttpServerRequest;

/**
 * Who the client is: the address that connected, or, when that is a configured proxy
 * ({@code gateway.trusted-proxies}), the last address in its {@code X-Forwarded-For} that is not one of
 * them. The services get exactly this one address; what a client writes into the header itself is
 * never passed on.
 */
final class ClientAddress {

    private final List<byte[][]> trusted = new ArrayList<>();

    ClientAddress(List<String> trustedProxies) {
        for (String range : trustedProxies) {
            if (!range.isBlank()) {
                trusted.add(parse(range.trim()));
            }
        }
    }

    String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null
                ? "unknown"
                : request.remoteAddress().hostAddress();
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        if (!address.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        for (byte[][] range : trusted) {
            if (matches(range[0], range[1][0], bytes)) {
                return true;
            }
        }
        return false;
    }

    /** {network address, {prefix length}}. */
    private static byte[][] parse(String range) {
        int slash = range.indexOf('/');
        String host = slash < 0 ? range : range.substring(0, slash);
        try {
            if (!host.matches("[0-9a-fA-F:.]+")) {
                throw new UnknownHostException(host);
            }
            byte[] network = InetAddress.getByName(host).getAddress();
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(range.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new NumberFormatException();
            }
            return new byte[][] {network, {(byte) bits}};
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("gateway.trusted-proxies: '" + range + "' is not an address or range");
        }
    }

    private static boolean matches(byte[] network, int bits, byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int b = bits & 0xff;
        for (int i = 0; i < b; i++) {
            int mask = 0x80 >> (i % 8);
            if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
