package io.clickstream.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickstream.adapter.localfs.LocalFsDataLakeAdapter;
import io.clickstream.domain.JobMonitor;
import io.clickstream.testing.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scale-out for real: the same stage job with {@code spark.master} at a Spark standalone cluster (a Master and a
 * Worker JVM, executors started by the Worker) and {@code hive.metastore.uris} at a Hive metastore service in its
 * own JVM, gives the same tables as the local run.
 */
class ClusterStagingTest {
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            ChildJvm.stop(processes.get(i));
        }
    }

    @Test
    void a_standalone_cluster_with_a_remote_metastore_stages_the_same_tables_as_local_mode() throws Exception {
        Path work = TestEnvironment.freshDir("cluster");
        String topic = TestEnvironment.unique("raw");
        Scenario scenario = Scenario.ingest(work, 1500, 23, 2,
                new LocalFsDataLakeAdapter(work.resolve("source-lake")), topic);
        scenario.plant(topic, 5);

        Path log = work.resolve("cluster.log");
        int metastorePort = freePort();
        processes.add(metastore(work.resolve("metastore"), metastorePort, log));
        int masterPort = freePort();
        int masterUi = freePort();
        processes.add(ChildJvm.start("org.apache.spark.deploy.master.Master", List.of("--host", "127.0.0.1",
                "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(masterUi)), "256m", log,
                Map.of(), List.of()));
        awaitPort(masterPort, log);
        Path sparkHome = Files.createDirectories(work.resolve("spark-home/jars")).getParent();
        Path workerDir = Files.createDirectories(work.resolve("worker"));
        processes.add(ChildJvm.start("org.apache.spark.deploy.worker.Worker", List.of("--host", "127.0.0.1",
                        "--cores", "2", "--memory", "1g", "--work-dir", workerDir.toString(),
                        "--webui-port", Integer.toString(freePort()), "spark://127.0.0.1:" + masterPort), "256m", log,
                Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13"), List.of()));
        awaitWorker(masterUi, log);
        awaitPort(metastorePort, log);

        Path config = work.resolve("cluster.properties");
        Path dump = work.resolve("cluster.dump");
        Properties p = new Properties();
        p.setProperty("lake", work.resolve("lake-cluster").toString());
        p.setProperty("dataDir", work.resolve("driver-data").toString());
        p.setProperty("kafka", TestEnvironment.kafka());
        p.setProperty("topic", topic);
        p.setProperty("database", "clustered");
        p.setProperty("master", "spark://127.0.0.1:" + masterPort);
        p.setProperty("metastoreUris", "thrift://127.0.0.1:" + metastorePort);
        p.setProperty("dump", dump.toString());
        p.setProperty("spark.driver.host", "127.0.0.1");
        p.setProperty("spark.driver.bindAddress", "127.0.0.1");
        p.setProperty("spark.executor.memory", "768m");
        p.setProperty("spark.cores.max", "2");
        p.setProperty("spark.sql.shuffle.partitions", "4");
        // executors need the Spark, Kafka-source and adapter classes: here the test classpath, in production spark.jars
        p.setProperty("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        p.setProperty("spark.executorEnv.SPARK_SCALA_VERSION", "2.13");
        ChildJvm.writeSettings(config, p, "stage on a standalone cluster");
        assertThat(ChildJvm.run(StageRunner.class.getName(), List.of(config.toString()), work.resolve("driver.log"),
                300)).as("driver run, see %s", work.resolve("driver.log")).isZero();

        String localDb = TestEnvironment.unique("local_twin");
        var local = new SparkStagingProcessorAdapter(TestEnvironment.settings(localDb, topic),
                new LocalFsDataLakeAdapter(work.resolve("lake-local"))).stage(JobMonitor.none());
        List<String> expected = TableDump.of(TestEnvironment.spark(), localDb);

        List<String> clustered = Files.readAllLines(dump, StandardCharsets.UTF_8);
        assertThat(clustered.get(0)).isEqualTo("read " + local.read());
        assertThat(clustered.get(1)).isEqualTo("staged " + local.staged());
        assertThat(clustered.subList(2, clustered.size())).isEqualTo(expected);
        try (Stream<Path> files = Files.walk(workerDir)) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("stderr")).count())
                    .as("executors ran in the worker's JVMs").isPositive();
        }
    }

    private Process metastore(Path dir, int port, Path log) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("hive-site.xml"), """
                <configuration>
                  <property><name>javax.jdo.option.ConnectionURL</name><value>jdbc:derby:;databaseName=%s;create=true</value></property>
                  <property><name>datanucleus.schema.autoCreateAll</name><value>true</value></property>
                  <property><name>hive.metastore.schema.verification</name><value>false</value></property>
                  <property><name>hive.async.log.enabled</name><value>false</value></property>
                  <property><name>hive.metastore.warehouse.dir</name><value>%s</value></property>
                </configuration>
                """.formatted(dir.resolve("metastore_db"), dir.resolve("warehouse").toUri()), StandardCharsets.UTF_8);
        return ChildJvm.start("org.apache.hadoop.hive.metastore.HiveMetaStore", List.of("-p", Integer.toString(port)),
                "384m", log, Map.of(), List.of(conf.toString()));
    }

    private static void awaitWorker(int masterUi, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (InputStream in = URI.create("http://127.0.0.1:" + masterUi + "/json/").toURL().openStream()) {
                if (new String(in.readAllBytes(), StandardCharsets.UTF_8).matches("(?s).*\"aliveworkers\"\\s*:\\s*[1-9].*")) {
                    return;
                }
            } catch (IOException notYet) {
                // the master's UI is not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no worker registered with the master; see " + log);
    }

    private static void awaitPort(int port, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(300);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
