package io.hearth.server.session;

import io.hearth.protocol.Platforms;
import io.hearth.server.config.HearthConfig;

/**
 * The reference's multi-device rules, applied when a token is issued: a new session kicks the user's other
 * sessions in the same category (mobile, pad, PC); web and mini-program kick only the same platform; UNSET never
 * kicks; {@code server.multi_endpoint} turns kicking off, {@code server.multi_pc_endpoint} and
 * {@code server.multi_pad_endpoint} exempt PCs and pads.
 */
public final class KickRules {

    private final HearthConfig.Tokens config;

    public KickRules(HearthConfig.Tokens config) {
        this.config = config;
    }

    /** Whether a new session on {@code newPlatform} kicks an existing one on {@code oldPlatform}. */
    public boolean kicks(int newPlatform, int oldPlatform) {
        if (config.multiEndpoint()) {
            return false;
        }
        Platforms.Category category = Platforms.category(newPlatform);
        if (category != Platforms.category(oldPlatform)) {
            return false;
        }
        return switch (category) {
            case NONE -> false;
            case PC -> !config.multiPcEndpoint();
            case PAD -> !config.multiPadEndpoint();
            case MOBILE, WEB, WX -> true;
        };
    }
}
