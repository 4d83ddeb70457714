package io.clickstream.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3LakeSettingsTest {

    @ParameterizedTest
    @CsvSource({
            "s3://lake/some/prefix,    lake,        some/prefix",
            "s3://lake/some/prefix/,   lake,        some/prefix",
            "s3://lake,                lake,        ''",
            "s3://lake/,               lake,        ''",
            "s3://my.data-lake-01/p,   my.data-lake-01, p",
            "S3://lake/p,              lake,        p"})
    void bucket_and_prefix_come_from_the_lake_uri(String uri, String bucket, String prefix) {
        S3LakeSettings settings = S3LakeSettings.of(URI.create(uri));

        assertThat(settings.bucket()).isEqualTo(bucket);
        assertThat(settings.prefix()).isEqualTo(prefix);
    }

    @Test
    void defaults_suit_aws() {
        S3LakeSettings settings = S3LakeSettings.of(URI.create("s3://lake/p"));

        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.endpointOverride()).isEmpty();
        assertThat(settings.pathStyle()).isFalse();
        assertThat(settings.endpointName()).isEqualTo("https://s3.us-east-1.amazonaws.com");
        assertThat(settings.partSizeBytes()).isGreaterThanOrEqualTo(5 * 1024 * 1024);
    }

    @Test
    void a_blank_region_means_the_default_region() {
        assertThat(S3LakeSettings.of(URI.create("s3://lake")).withRegion(" ").region()).isEqualTo("us-east-1");
        assertThat(S3LakeSettings.of(URI.create("s3://lake")).withRegion("eu-west-1").endpointName())
                .isEqualTo("https://s3.eu-west-1.amazonaws.com");
    }

    @Test
    void the_endpoint_override_names_the_dependency() {
        S3LakeSettings settings = S3LakeSettings.of(URI.create("s3://lake"))
                .withEndpoint(URI.create("http://127.0.0.1:9090"), true);

        assertThat(settings.endpointName()).isEqualTo("http://127.0.0.1:9090");
        assertThat(settings.pathStyle()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "file:/data/lake         | scheme is not s3",
            "s3a://lake/prefix       | scheme is not s3",
            "http://lake/prefix      | scheme is not s3",
            "lake/prefix             | scheme is not s3",
            "s3:///prefix            | must name a bucket",
            "s3:lake                 | must name a bucket",
            "s3://Lake/prefix        | invalid bucket 'Lake'",
            "s3://my_lake/prefix     | invalid bucket 'my_lake'",
            "s3://ab/prefix          | invalid bucket 'ab'",
            "s3://user@lake/prefix   | invalid bucket 'user@lake'",
            "s3://lake:9000/prefix   | invalid bucket 'lake:9000'",
            "s3://lake/a//b          | empty, '.' or '..' segment",
            "s3://lake/a/../b        | empty, '.' or '..' segment",
            "s3://lake/p?versioning  | query or fragment"})
    void an_invalid_lake_uri_is_rejected_with_the_reason(String uri, String reason) {
        assertThatThrownBy(() -> S3LakeSettings.of(URI.create(uri)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lake.uri")
                .hasMessageContaining(reason)
                .hasMessageContaining(uri);
    }

    @ParameterizedTest
    @CsvSource({"localhost:9090", "ftp://127.0.0.1:9090", "http:/no-host"})
    void an_endpoint_must_be_an_http_url(String endpoint) {
        S3LakeSettings settings = S3LakeSettings.of(URI.create("s3://lake"));

        assertThatThrownBy(() -> settings.withEndpoint(URI.create(endpoint), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lake.s3.endpoint")
                .hasMessageContaining(endpoint);
    }

    @Test
    void sizes_attempts_and_durations_must_be_positive() {
        S3LakeSettings settings = S3LakeSettings.of(URI.create("s3://lake"));

        assertThatThrownBy(() -> settings.withMultipart(0, 5 * 1024 * 1024)).hasMessageContaining("multipart threshold");
        assertThatThrownBy(() -> settings.withMultipart(1, -1)).hasMessageContaining("part size");
        assertThatThrownBy(() -> settings.withRetry(0, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessageContaining("max attempts");
        assertThatThrownBy(() -> settings.withRetry(1, Duration.ZERO, Duration.ofMillis(1)))
                .hasMessageContaining("initial backoff");
    }
}
