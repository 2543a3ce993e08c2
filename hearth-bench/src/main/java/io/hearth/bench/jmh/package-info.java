/**
 * JMH micro-benchmarks of hot-path pieces: the writer's group commit against H2, its group fan-out on H2 and
 * PostgreSQL ({@link io.hearth.bench.jmh.FanoutBenchmark}), and push encoding. Run with
 * {@code java -cp hearth-bench/target/hearth-bench-0.1.0-SNAPSHOT-all.jar org.openjdk.jmh.Main}.
 */
package io.hearth.bench.jmh;
