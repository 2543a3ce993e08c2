package io.hearth.protocol;

/** Client platforms with the reference's numbers, and the categories that decide multi-device kicks. */
public enum Platforms {
    ;

    public static final int UNSET = 0;
    public static final int IOS = 1;
    public static final int ANDROID = 2;
    public static final int WINDOWS = 3;
    public static final int OSX = 4;
    public static final int WEB = 5;
    public static final int WX = 6;
    public static final int LINUX = 7;
    public static final int IPAD = 8;
    public static final int APAD = 9;
    public static final int HARMONY = 10;
    public static final int HARMONY_PAD = 11;
    public static final int HARMONY_PC = 12;

    /** Kick categories: a new session kicks older sessions of the same user in the same category. */
    public enum Category { NONE, MOBILE, PAD, PC, WEB, WX }

    public static boolean isValid(int platform) {
        return platform >= UNSET && platform <= HARMONY_PC;
    }

    public static Category category(int platform) {
        return switch (platform) {
            case IOS, ANDROID, HARMONY -> Category.MOBILE;
            case IPAD, APAD, HARMONY_PAD -> Category.PAD;
            case WINDOWS, OSX, LINUX, HARMONY_PC -> Category.PC;
            case WEB -> Category.WEB;
            case WX -> Category.WX;
            default -> Category.NONE;
        };
    }
}
