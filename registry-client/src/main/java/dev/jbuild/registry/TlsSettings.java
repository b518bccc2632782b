package dev.jbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * TLS for one registry host: the system trust store plus the CA files docker and containers read
 * from {@code <certDir>/<host[:port]>/*.crt}; or, when verification is off, no checks at all.
 */
final class TlsSettings {
  private TlsSettings() {}

  static OkHttpClient.Builder apply(
      OkHttpClient.Builder builder, String host, boolean verify, List<Path> certDirs) {
    try {
      if (!verify) {
        X509TrustManager trustAll = new TrustAll();
        builder.sslSocketFactory(context(trustAll).getSocketFactory(), trustAll);
        builder.hostnameVerifier((name, session) -> true);
        return builder;
      }
      List<X509Certificate> cas = extraCas(host, certDirs);
      if (cas.isEmpty()) {
        return builder;
      }
      X509TrustManager tm = new EitherTrustManager(systemTrust(), trustManager(cas));
      builder.sslSocketFactory(context(tm).getSocketFactory(), tm);
      return builder;
    } catch (GeneralSecurityException | IOException e) {
      throw new RegistryException("set up TLS for " + host + ": " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> extraCas(String host, List<Path> certDirs)
      throws IOException, CertificateException {
    List<X509Certificate> cas = new ArrayList<>();
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    for (Path dir : certDirs) {
      Path hostDir = dir.resolve(host.replace("[", "").replace("]", ""));
      if (!Files.isDirectory(hostDir)) {
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(hostDir, "*.crt")) {
        for (Path f : files) {
          try (InputStream in = Files.newInputStream(f)) {
            for (Certificate c : cf.generateCertificates(in)) {
              cas.add((X509Certificate) c);
            }
          } catch (CertificateException e) {
            throw new CertificateException(f + ": not a PEM certificate: " + e.getMessage(), e);
          }
        }
      }
    }
    return cas;
  }

  private static X509TrustManager systemTrust() throws GeneralSecurityException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init((KeyStore) null);
    return firstX509(f.getTrustManagers());
  }

  private static X509TrustManager trustManager(List<X509Certificate> cas)
      throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    for (int i = 0; i < cas.size(); i++) {
      ks.setCertificateEntry("ca" + i, cas.get(i));
    }
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(ks);
    return firstX509(f.getTrustManagers());
  }

  private static X509TrustManager firstX509(TrustManager[] managers) {
    for (TrustManager m : managers) {
      if (m instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("[internal error] no X509TrustManager available");
  }

  private static SSLContext context(X509TrustManager tm) throws GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {tm}, null);
    return ctx;
  }

  /** Accepts a chain either trust manager accepts: the system's or the registry's own CAs. */
  private static final class EitherTrustManager implements X509TrustManager {
    private final X509TrustManager first;
    private final X509TrustManager second;

    EitherTrustManager(X509TrustManager first, X509TrustManager second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      first.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        second.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        first.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509Certificate[] a = first.getAcceptedIssuers();
      X509Certificate[] b = second.getAcceptedIssuers();
      X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return all;
    }
  }

  /** --tls-verify=false: the user chose to accept any certificate. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
