package dev.jbuild.registry;

import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The okhttp clients of one registry: a plain-HTTP one, and a TLS one built only when an https URL
 * is first used (setting up trust stores costs a noticeable part of a CLI run).
 */
final class HttpClients {
  private final OkHttpClient cleartext;
  private final Supplier<OkHttpClient> tlsFactory;
  private @Nullable OkHttpClient tls;

  HttpClients(OkHttpClient cleartext, Supplier<OkHttpClient> tlsFactory) {
    this.cleartext = cleartext;
    this.tlsFactory = tlsFactory;
  }

  OkHttpClient forUrl(HttpUrl url) {
    return url.isHttps() ? tls() : cleartext;
  }

  private synchronized OkHttpClient tls() {
    OkHttpClient c = tls;
    if (c == null) {
      c = tlsFactory.get();
      tls = c;
    }
    return c;
  }
}
