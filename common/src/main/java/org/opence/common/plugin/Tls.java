package org.opence.common.plugin;

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** The TLS context of plugin calls: the JDK's trust, plus extra CA certificates, or (on request) no checks. */
public final class Tls {

    private Tls() {}

    public static SSLContext context(NetworkSettings network) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (!network.verifyTls()) {
                context.init(null, new TrustManager[] {new AcceptAll()}, null);
            } else if (network.extraCaFile().isPresent() || network.extraCaPem().isPresent()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int n = 0;
                for (X509TrustManager jdk : trustManagers(null)) {
                    for (X509Certificate ca : jdk.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + n++, ca);
                    }
                }
                if (network.extraCaFile().isPresent()) {
                    try (InputStream in =
                            Files.newInputStream(network.extraCaFile().get())) {
                        for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                            store.setCertificateEntry("extra-" + n++, cert);
                        }
                    }
                }
                if (network.extraCaPem().isPresent()) {
                    for (var cert : certificates(network.extraCaPem().get())) {
                        store.setCertificateEntry("extra-" + n++, cert);
                    }
                }
                context.init(null, trustManagers(store).toArray(new TrustManager[0]), null);
            } else {
                context.init(null, null, null);
            }
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot set up TLS for plugin calls (extra CA file "
                            + network.extraCaFile().orElse(null) + "): " + e.getMessage(),
                    e);
        }
    }

    /** Parses PEM text into certificates; throws with the parser's reason when it is not PEM certificates. */
    public static java.util.Collection<? extends java.security.cert.Certificate> certificates(String pem)
            throws java.security.cert.CertificateException {
        var certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(
                        new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        if (certs.isEmpty()) {
            throw new java.security.cert.CertificateException("no certificate found");
        }
        return certs;
    }

    private static List<X509TrustManager> trustManagers(KeyStore store) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        List<X509TrustManager> managers = new ArrayList<>();
        Arrays.stream(factory.getTrustManagers())
                .filter(X509TrustManager.class::isInstance)
                .forEach(m -> managers.add((X509TrustManager) m));
        return managers;
    }

    /** Accepts every certificate and host name; an X509ExtendedTrustManager so the JDK skips its host check too. */
    private static final class AcceptAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
