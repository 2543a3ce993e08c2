package io.hearth.server.common;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("throttled-log-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void attach() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    @Test
    void aRepeatedWarningIsLoggedOncePerIntervalPerKey() {
        ThrottledLog log = new ThrottledLog(logger, 1, TimeUnit.HOURS);
        for (int i = 0; i < 100; i++) {
            log.warn("send", "send {} failed", i, new IllegalStateException("database down"));
            log.warn("pull", "pull {} failed", i);
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("send 0 failed", "pull 0 failed");
        assertThat(lines.list.get(0).getThrowableProxy().getMessage()).isEqualTo("database down");
    }

    @Test
    void theNextLineSaysHowManyWereNotLogged() throws InterruptedException {
        ThrottledLog log = new ThrottledLog(logger, 1, TimeUnit.MILLISECONDS);
        log.warn("k", "first");
        for (int i = 0; i < 5; i++) {
            log.warn("k", "repeat");
        }
        int before = lines.list.size();
        Thread.sleep(20);
        log.warn("k", "later");
        assertThat(lines.list.get(lines.list.size() - 1).getFormattedMessage())
                .startsWith("later (and ").contains("more like it not logged");
        assertThat(before).isBetween(1, 6);
    }

    @Test
    void keysBeyondTheLimitShareOneWindow() {
        ThrottledLog log = new ThrottledLog(logger, 1, TimeUnit.HOURS);
        for (int i = 0; i < ThrottledLog.MAX_KEYS + 50; i++) {
            log.warn("key" + i, "line {}", i);
        }
        assertThat(lines.list).hasSize(ThrottledLog.MAX_KEYS + 1);
    }
}
