package org.opence.plugins.syslog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust of a configuration: the JDK's trusted authorities plus the configuration's
 * {@code caCertificate}, or no checks at all when {@code verifyTls} is off. Rejections carry which
 * check failed (the chain, or the host name) so the user is told what to fix.
 */
final class TlsContexts {

    private TlsContexts() {}

    /** Why {@code pem} is not one or more PEM certificates, or null. */
    static String pemProblem(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            return "must be one or more PEM certificates (-----BEGIN CERTIFICATE----- ...)";
        }
        try {
            certificates(pem);
            return null;
        } catch (CertificateException | RuntimeException e) {
            return "is not a readable PEM certificate: " + rootMessage(e);
        }
    }

    static Collection<? extends Certificate> certificates(String pem) throws CertificateException {
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certificates.isEmpty()) {
            throw new CertificateException("no certificate found");
        }
        return certificates;
    }

    /** The context, with a failure to build it as an {@link IOException} (a configuration problem). */
    static SSLContext contextOrIo(SyslogSettings settings) throws IOException {
        try {
            return context(settings);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    static SSLContext context(SyslogSettings settings) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        TrustManager trust = settings.verifyTls() ? new Checking(delegate(settings)) : new AcceptingAll();
        KeyManager[] keys =
                settings.hasClientCertificate() ? clientKeys(settings.clientCertificate(), settings.clientKey()) : null;
        context.init(keys, new TrustManager[] {trust}, null);
        return context;
    }

    /** Why a client certificate and key (PEM, the key unencrypted PKCS #8) cannot be used, or null. */
    static String clientKeyProblem(String certificate, String key) {
        try {
            clientKeys(certificate, key);
            return null;
        } catch (Exception e) {
            return "the client certificate and key cannot be used together: " + rootMessage(e);
        }
    }

    /** Key managers presenting the client certificate (chain) with its private key. */
    static KeyManager[] clientKeys(String certificatePem, String keyPem) throws Exception {
        List<Certificate> chain = new ArrayList<>(certificates(certificatePem));
        PrivateKey key = privateKey(keyPem, chain.get(0).getPublicKey().getAlgorithm());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "client".toCharArray();
        store.setKeyEntry("client", key, password, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static PrivateKey privateKey(String pem, String algorithm) throws Exception {
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException(
                    "the key must be an unencrypted PKCS #8 PEM key (-----BEGIN PRIVATE KEY-----;"
                            + " convert one with: openssl pkcs8 -topk8 -nocrypt -in key.pem)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static X509ExtendedTrustManager delegate(SyslogSettings settings) throws Exception {
        KeyStore store = null;
        if (settings.hasCaCertificate()) {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate authority : jdkTrust().getAcceptedIssuers()) {
                store.setCertificateEntry("jdk-" + n++, authority);
            }
            for (Certificate certificate : certificates(settings.caCertificate())) {
                store.setCertificateEntry("configured-" + n++, certificate);
            }
        }
        return trustManager(store);
    }

    private static X509ExtendedTrustManager jdkTrust() throws Exception {
        return trustManager(null);
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }

    /** Describes a certificate for a message: subject, issuer and the names it is valid for. */
    static String describe(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    Object kind = alternative.get(0);
                    if (Integer.valueOf(2).equals(kind) || Integer.valueOf(7).equals(kind)) {
                        names.add(String.valueOf(alternative.get(1)));
                    }
                }
            }
        } catch (CertificateException e) {
            names.add("unreadable names");
        }
        return "'" + certificate.getSubjectX500Principal().getName() + "' issued by '"
                + certificate.getIssuerX500Principal().getName() + "'"
                + (names.isEmpty() ? ", no alternative names" : ", valid for " + String.join(", ", names));
    }

    /** The server's chain is not signed by a trusted authority (or expired, revoked ...). */
    static final class UntrustedCertificate extends CertificateException {
        final transient X509Certificate certificate;

        UntrustedCertificate(X509Certificate certificate, CertificateException cause) {
            super("certificate " + describe(certificate) + " is not trusted: " + rootMessage(cause), cause);
            this.certificate = certificate;
        }
    }

    /** The chain is trusted but does not name the host that was connected to. */
    static final class WrongHost extends CertificateException {
        WrongHost(X509Certificate certificate, CertificateException cause) {
            super("certificate " + describe(certificate) + " does not name the host: " + cause.getMessage(), cause);
        }
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * Checks the chain without the host first, then with it (the JDK's endpoint identification), so a
     * rejection says which of the two failed.
     */
    private static final class Checking extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        Checking(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            try {
                delegate.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                throw new UntrustedCertificate(chain[0], e);
            }
            try {
                delegate.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                throw new WrongHost(chain[0], e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("this client does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("this client does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this client does not accept clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    /**
     * verifyTls off: any certificate, any name. An X509ExtendedTrustManager, so the JDK does not add its
     * own host name check.
     */
    private static final class AcceptingAll extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
