package io.hearth.server.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test opened, last opened first, after each test, and every one of them even when one fails:
 * {@code @RegisterExtension final Closer closing = new Closer();}, then {@code closing.keep(node)}.
 */
public final class Closer implements AfterEachCallback {

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Registers {@code resource} to be closed after this test and returns it. */
    public <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        resources.clear();
        if (first != null) {
            throw first;
        }
    }
}
