package dev.jbuild.registry;

import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Gets one blob into a repository the cheapest way: already there (HEAD), mounted from a known
 * repository, or uploaded; a failed upload restarts with a new session, bounded by the policy.
 */
final class BlobPusher {
  private final Session session;
  private final BlobChecker checker;
  private final UploadStarter starter;
  private final BlobUploader uploader;

  BlobPusher(Session session) {
    this.session = session;
    this.checker = new BlobChecker(session);
    this.starter = new UploadStarter(session);
    this.uploader = new BlobUploader(session);
  }

  ProgressListener.Outcome push(
      String repository,
      BlobSource blob,
      @Nullable String mountFrom,
      long chunkSize,
      ProgressListener progress) {
    Set<String> scopes = UploadStarter.scopes(repository, mountFrom);
    if (checker.exists(repository, blob.digest(), scopes)) {
      return ProgressListener.Outcome.ALREADY_PRESENT;
    }
    progress.started(blob.digest(), blob.size());
    for (int attempt = 1; ; attempt++) {
      try {
        UploadStarter.Started started = starter.start(repository, blob.digest(), mountFrom);
        if (started instanceof UploadStarter.UploadAt at) {
          upload(repository, at, blob, chunkSize, progress);
          return ProgressListener.Outcome.UPLOADED;
        }
        return ProgressListener.Outcome.MOUNTED;
      } catch (TransientFailure e) {
        if (attempt >= session.retry().maxAttempts()) {
          throw new RegistryException(e.getMessage() + " (after " + attempt + " attempts)", e);
        }
        Duration wait = e.retryAfter();
        session.pause(wait != null ? wait : session.retry().backoff(attempt), "upload");
      }
    }
  }

  private void upload(
      String repository,
      UploadStarter.UploadAt at,
      BlobSource blob,
      long chunkSize,
      ProgressListener progress) {
    if (chunkSize > 0 && blob.size() > chunkSize) {
      uploader.chunked(repository, at.location(), blob, chunkSize, progress);
    } else {
      uploader.monolithic(repository, at.location(), blob, progress);
    }
  }
}
