package io.hearth.server.bootstrap;

import io.hearth.server.message.ForbiddenClientTypes;
import io.hearth.server.message.MessageStored;
import io.hearth.server.ratelimit.KeyedLimit;
import io.hearth.server.ratelimit.LimitedMethods;
import io.hearth.server.ratelimit.WindowLimit;
import io.hearth.server.rpc.RpcMethod;
import io.hearth.server.sensitive.SensitiveActions;
import io.hearth.server.sensitive.RemoteCensor;
import io.hearth.server.sensitive.SensitiveFilter;
import io.hearth.server.sensitive.SensitiveHits;
import io.hearth.server.sensitive.SensitiveWords;
import io.hearth.server.setting.SettingActions;
import io.hearth.server.setting.SettingMethods;
import io.hearth.server.setting.SystemSettings;
import io.hearth.server.setting.UserSettings;
import io.hearth.server.storage.jdbc.JdbcSensitiveWordStore;
import io.hearth.server.storage.jdbc.JdbcSettingStore;
import io.hearth.server.storage.jdbc.JdbcSystemSettingStore;
import io.hearth.server.user.UserDirectory;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What every send and request passes besides its feature's own rules: forbidden client types, sensitive words,
 * and the rate limits; and user and system settings.
 * One assembly method per part, called in dependency order by {@link HearthServer}; hand wiring, no container.
 */
final class PolicyAssembly {

    private PolicyAssembly() {
    }

    /**
     * The send checks of the policy, in front of every send: content types only the server API may send, then the
     * sensitive-word filter (its list polled from the database); under filter type 3 a listener records the hits.
     * Before {@link MessageAssembly#messages}.
     */
    static SensitiveWords policy(Core core, Entries entries) {
        var policy = core.config().policy();
        entries.sendChecks.add(new ForbiddenClientTypes(policy.forbiddenClientSendTypes()));
        JdbcSensitiveWordStore store = new JdbcSensitiveWordStore(core.db());
        SensitiveWords words = core.keep(new SensitiveWords(store, core.blocking(), core.clock())).start();
        entries.sendChecks.add(new SensitiveFilter(words, policy.sensitiveFilterType()));
        if (policy.censor().enabled()) {
            entries.sendChecks.add(new RemoteCensor(policy.censor(), core.metrics()));
        }
        if (policy.sensitiveFilterType() == SensitiveFilter.RECORD) {
            core.events().listen("sensitive-hits", MessageStored.class, new SensitiveHits(words, store, core.clock()));
        }
        entries.admin.add(new SensitiveActions(words));
        return words;
    }

    /** User settings (RPCs, their version in {@code session.info}, server API) and system settings. */
    static SystemSettings settings(Core core, Nodes nodes, UserDirectory users, Entries entries) {
        UserSettings settings = new UserSettings(new JdbcSettingStore(core.db()), core.blocking(), nodes.notifier(),
                core.events(), core.clock());
        SystemSettings system = new SystemSettings(new JdbcSystemSettingStore(core.db()), core.blocking());
        SettingMethods.register(entries.rpc, settings);
        entries.sessionFacets.add(SettingMethods.version(settings));
        entries.admin.add(new SettingActions(settings, system, users::exists));
        return system;
    }

    /** The checked RPC table with {@code client.request_rate_limit} in front of every method; after every feature. */
    static Map<String, RpcMethod> rpcMethods(Core core, Entries entries) {
        KeyedLimit limit = new KeyedLimit(core.config().policy().clientRequests(), LimitedMethods.WINDOW,
                core.clock());
        core.keep(limit.sweepEachWindow());
        return LimitedMethods.wrap(entries.rpc.methods(), limit, core.metrics());
    }

    /** {@code http.admin.rate_limit}: this node's server API calls in each 10 s. */
    static BooleanSupplier adminRateLimit(Core core) {
        return new WindowLimit(core.config().policy().adminCalls(), Duration.ofSeconds(10), core.clock())::tryAcquire;
    }
}
