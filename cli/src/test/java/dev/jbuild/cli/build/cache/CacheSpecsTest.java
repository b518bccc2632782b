package dev.jbuild.cli.build.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CacheSpecsTest {

  static Stream<Arguments> goodTo() {
    return Stream.of(
        Arguments.of(
            "type=registry,ref=localhost:5000/app:cache",
            new CacheSpec.Registry("localhost:5000/app:cache", false, false)),
        Arguments.of(
            "type=registry,ref=r.example.com/app:cache,mode=max",
            new CacheSpec.Registry("r.example.com/app:cache", true, false)),
        Arguments.of(
            "type=registry,ref=r.example.com/app,mode=min,ignore-error=true,oci-mediatypes=true",
            new CacheSpec.Registry("r.example.com/app", false, true)),
        Arguments.of(
            "type=registry,ref=r.example.com/app,image-manifest=true",
            new CacheSpec.Registry("r.example.com/app", false, false)),
        Arguments.of("user/app:cache", new CacheSpec.Registry("user/app:cache", false, false)),
        Arguments.of(
            "type=local,dest=/tmp/cache,mode=max",
            new CacheSpec.Local(Path.of("/tmp/cache"), true, false)),
        Arguments.of(
            "type=local,\"dest=/tmp/a,b\"",
            new CacheSpec.Local(Path.of("/tmp/a,b"), false, false)));
  }

  @ParameterizedTest
  @MethodSource("goodTo")
  void cacheToAcceptsBuildxForms(String value, CacheSpec expected) {
    assertThat(CacheSpecs.parseTo(value)).isEqualTo(expected);
  }

  static Stream<Arguments> goodFrom() {
    return Stream.of(
        Arguments.of(
            "type=registry,ref=localhost:5000/app:cache",
            new CacheSpec.Registry("localhost:5000/app:cache", false, false)),
        Arguments.of(
            "localhost:5000/app:cache",
            new CacheSpec.Registry("localhost:5000/app:cache", false, false)),
        Arguments.of(
            "type=local,src=cache-dir", new CacheSpec.Local(Path.of("cache-dir"), false, false)));
  }

  @ParameterizedTest
  @MethodSource("goodFrom")
  void cacheFromAcceptsBuildxFormsAndBareReference(String value, CacheSpec expected) {
    assertThat(CacheSpecs.parseFrom(value)).isEqualTo(expected);
  }

  static Stream<Arguments> badTo() {
    return Stream.of(
        Arguments.of(
            "type=gha",
            "--cache-to \"type=gha\": unsupported cache type \"gha\"; use type=registry,ref=REF"
                + " or type=local,dest=DIR"),
        Arguments.of(
            "type=registry",
            "--cache-to \"type=registry\": missing ref=; write"
                + " type=registry,ref=registry.example.com/app:cache"),
        Arguments.of(
            "type=local", "--cache-to \"type=local\": missing dest=; write type=local,dest=DIR"),
        Arguments.of(
            "type=local,src=d",
            "--cache-to \"type=local,src=d\": src= is for --cache-from; write"
                + " type=local,dest=DIR"),
        Arguments.of(
            "type=registry,ref=a/b,mode=all",
            "--cache-to \"type=registry,ref=a/b,mode=all\": bad mode \"all\"; write mode=min or"
                + " mode=max"),
        Arguments.of(
            "type=registry,ref=a/b,compression=zstd",
            "--cache-to \"type=registry,ref=a/b,compression=zstd\": unknown key \"compression\";"
                + " keys for type=registry: ref, mode=min|max, ignore-error=true|false,"
                + " oci-mediatypes=true, image-manifest=true"),
        Arguments.of(
            "type=registry,ref=a/b,oci-mediatypes=false",
            "--cache-to \"type=registry,ref=a/b,oci-mediatypes=false\": oci-mediatypes=false is"
                + " not supported; jbuild always writes OCI media types in an OCI image manifest:"
                + " drop oci-mediatypes=false"),
        Arguments.of(
            "ref=a/b",
            "--cache-to \"ref=a/b\": no type=; write type=registry,ref=REF or"
                + " type=local,dest=DIR"),
        Arguments.of(
            "type=registry,ref=a/b,ref=c/d",
            "--cache-to \"type=registry,ref=a/b,ref=c/d\": ref= given twice; keep one ref="),
        Arguments.of(
            "type=registry,ref=Bad/Name",
            "--cache-to \"type=registry,ref=Bad/Name\": invalid ref:"),
        Arguments.of("", "--cache-to \"\": empty value; write type=registry,ref=REF"),
        Arguments.of(
            "type=local,dest=\"x",
            "--cache-to \"type=local,dest=\"x\": unterminated quote; close the \" or remove it"));
  }

  @ParameterizedTest
  @MethodSource("badTo")
  void cacheToRejectsMistakesWithOneLineFix(String value, String messageStart) {
    assertThatThrownBy(() -> CacheSpecs.parseTo(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(messageStart)
        .hasMessageNotContaining("\n");
  }

  static Stream<Arguments> badFrom() {
    return Stream.of(
        Arguments.of(
            "type=local,dest=d",
            "--cache-from \"type=local,dest=d\": dest= is for --cache-to; write"
                + " type=local,src=DIR"),
        Arguments.of(
            "type=registry,ref=a/b,mode=max",
            "--cache-from \"type=registry,ref=a/b,mode=max\": mode= applies to --cache-to only;"
                + " drop it from --cache-from"),
        Arguments.of(
            "type=registry,ref=a/b,ignore-error=true",
            "--cache-from \"type=registry,ref=a/b,ignore-error=true\": ignore-error= applies to"
                + " --cache-to only; drop it from --cache-from"),
        Arguments.of(
            "type=s3,bucket=b",
            "--cache-from \"type=s3,bucket=b\": unsupported cache type \"s3\"; use"
                + " type=registry,ref=REF or type=local,src=DIR"));
  }

  @ParameterizedTest
  @MethodSource("badFrom")
  void cacheFromRejectsMistakesWithOneLineFix(String value, String message) {
    assertThatThrownBy(() -> CacheSpecs.parseFrom(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
