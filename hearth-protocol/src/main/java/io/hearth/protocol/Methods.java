package io.hearth.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RPC method names, the last level of {@code rpc/<method>}. Each names its request message and the {@code Reply}
 * case that carries its result; {@link #REPLY_CASES} lists them all, and the server refuses to start when one has
 * no handler.
 */
public final class Methods {

    /** {@code SendMessageRequest} to {@code SendMessageResult} (Reply.send). */
    public static final String MESSAGE_SEND = "message.send";
    /** {@code PullMessageRequest} to {@code PullMessageResult} (Reply.pull). */
    public static final String MESSAGE_PULL = "message.pull";
    /** {@code SessionInfoRequest} to {@code SessionInfoResult} (Reply.session). */
    public static final String SESSION_INFO = "session.info";
    // issue 9: settings
    /** {@code PutSettingRequest} to {@code PutSettingResult} (Reply.setting_put). */
    public static final String SETTING_PUT = "setting.put";
    /** {@code PullSettingRequest} to {@code PullSettingResult} (Reply.setting_pull). */
    public static final String SETTING_PULL = "setting.pull";

    /** Every method of this protocol version and the name of its {@code Reply} oneof case. */
    public static final Map<String, String> REPLY_CASES = cases(
            MESSAGE_SEND, "send",
            MESSAGE_PULL, "pull",
            SESSION_INFO, "session",
            // issue 9: settings
            SETTING_PUT, "setting_put",
            SETTING_PULL, "setting_pull");

    private Methods() {
    }

    private static Map<String, String> cases(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (m.put(pairs[i], pairs[i + 1]) != null) {
                throw new IllegalStateException("method " + pairs[i] + " declared twice");
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
