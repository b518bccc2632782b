package dev.jbuild.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.jbuild.testkit.Tools;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's keytool, written as the PEM files
 * docker-registry serves ({@code cert.pem}, {@code key.pem}).
 */
final class TestTls {
  private TestTls() {}

  /** Writes {@code dir/cert.pem} and {@code dir/key.pem}; returns the certificate file. */
  static Path selfSigned(Path dir) throws Exception {
    Path store = dir.resolve("tls.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Tools.run(
        keytool,
        "-genkeypair",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit",
        "-alias",
        "registry",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-ext",
        "BC:c=ca:true",
        "-validity",
        "2");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    Key key = ks.getKey("registry", "changeit".toCharArray());
    Certificate cert = ks.getCertificate("registry");
    Path certFile = dir.resolve("cert.pem");
    Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()), US_ASCII);
    Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()), US_ASCII);
    return certFile;
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
