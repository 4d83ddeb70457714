package io.clickstream.adapter.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Sends a finished local file to one S3 key so that readers see either the previous object or the whole new one:
 * a single PUT for small files, a multipart upload (visible only on completion, aborted on failure) for large ones.
 */
final class S3ObjectUploader {

    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectUploader.class);
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Client s3;
    private final S3Calls calls;
    private final String bucket;
    private final long multipartThreshold;
    private final int partSize;

    S3ObjectUploader(S3Client s3, S3Calls calls, String bucket, long multipartThreshold, int partSize) {
        this.s3 = s3;
        this.calls = calls;
        this.bucket = bucket;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    void upload(String key, Path file) throws IOException {
        long size = Files.size(file);
        if (size < multipartThreshold) {
            calls.run("put", key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(CONTENT_TYPE),
                    RequestBody.fromFile(file)));
        } else {
            uploadInParts(key, file, size);
        }
    }

    private void uploadInParts(String key, Path file, long size) {
        String uploadId = calls.call("start multipart upload of", key,
                () -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(CONTENT_TYPE)).uploadId());
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += partSize, number++) {
                long length = Math.min(partSize, size - offset);
                int partNumber = number;
                long partOffset = offset;
                String etag = calls.call("upload part " + partNumber + " of", key, () -> s3.uploadPart(
                        b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber).contentLength(length),
                        RequestBody.fromContentProvider(filePart(file, partOffset, length), length, CONTENT_TYPE))
                        .eTag());
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            calls.run("complete multipart upload of", key, () -> s3.completeMultipartUpload(b -> b.bucket(bucket)
                    .key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
            LOG.debug("uploaded {} bytes to {} in {} parts", size, key, parts.size());
        } catch (RuntimeException e) {
            abort(key, uploadId, e);
            throw e;
        }
    }

    // Parts of an unfinished upload cost storage and never become visible; removing them leaves nothing behind.
    private void abort(String key, String uploadId, RuntimeException failure) {
        try {
            calls.run("abort multipart upload of", key,
                    () -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)));
        } catch (RuntimeException e) {
            LOG.error("could not abort multipart upload {} of {}; its parts stay until a bucket lifecycle rule "
                    + "removes them", uploadId, key, e);
            failure.addSuppressed(e);
        }
    }

    // The SDK may read a part more than once (signing, then sending, then again on a retry): each read reopens the file.
    private static ContentStreamProvider filePart(Path file, long offset, long length) {
        return ContentStreamProvider.fromInputStreamSupplier(() -> {
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(offset);
                return new BoundedInputStream(Channels.newInputStream(channel), length);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read part of " + file, e);
            }
        });
    }

    /** The first {@code remaining} bytes of a stream. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buffer, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
