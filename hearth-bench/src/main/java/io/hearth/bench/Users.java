package io.hearth.bench;

import io.hearth.client.admin.AdminClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Creates numbered benchmark users ({@code prefix0 … prefixN-1}) through the server API, a few at a time. */
public final class Users {

    private Users() {
    }

    public static void create(AdminClient admin, String prefix, int n) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < n; i++) {
            String id = prefix + i;
            pool.execute(() -> admin.createUser(id, id, id));
        }
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("creating users timed out");
        }
    }
}
