package org.opence.common.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.config.CeConfig;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address of the client a request comes from, for the audit trail and sign-in throttling. The
 * gateway writes the client's address into {@code X-Forwarded-For}; a service believes that header
 * only when the connection comes from a trusted proxy ({@code ce.http.trusted-proxies}: the gateway's
 * addresses), and then takes its last entry, the one the gateway added. Anything else a client writes
 * into the header is ignored.
 */
@ApplicationScoped
public class ClientAddresses {

    private final List<Cidr> trusted = new ArrayList<>();

    public ClientAddresses(CeConfig config) {
        for (String cidr : config.http().trustedProxies()) {
            if (!cidr.isBlank()) {
                trusted.add(Cidr.parse(cidr.trim()));
            }
        }
    }

    public String of(HttpServerRequest request) {
        String peer =
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (peer == null) {
            return "unknown";
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        String last = hops[hops.length - 1].trim();
        return last.isEmpty() ? peer : last;
    }

    boolean isTrusted(String address) {
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        return trusted.stream().anyMatch(c -> c.contains(bytes));
    }

    /** An address range such as {@code 10.0.0.0/8}, {@code ::1} or {@code 127.0.0.1}. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            if (!host.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException(
                        "ce.http.trusted-proxies: '" + text + "' is not an address or range");
            }
            try {
                byte[] network = InetAddress.getByName(host).getAddress();
                int bits = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("ce.http.trusted-proxies: bad prefix length in '" + text + "'");
                }
                return new Cidr(network, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException(
                        "ce.http.trusted-proxies: '" + text + "' is not an address or range");
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
