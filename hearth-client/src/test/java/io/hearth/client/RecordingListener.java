package io.hearth.client;

import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.Notice;
import java.util.ArrayList;
import java.util.List;

/** Records listener callbacks as short strings, and every delivered seq, for assertions. */
final class RecordingListener implements HearthListener {

    final List<String> events = new ArrayList<>();
    final List<Long> delivered = new ArrayList<>();
    final List<Throwable> disconnectCauses = new ArrayList<>();

    @Override
    public void onMessages(List<Message> messages) {
        messages.forEach(m -> delivered.add(m.getSeq()));
        events.add("messages" + messages.stream().map(Message::getSeq).toList());
    }

    @Override
    public void onConnected() {
        events.add("connected");
    }

    @Override
    public void onDisconnected(Throwable cause) {
        disconnectCauses.add(cause);
        events.add("disconnected");
    }

    @Override
    public void onNotice(Notice notice) {
        events.add("notice " + notice.getKind() + " " + notice.getVersion());
    }

    @Override
    public void onKicked(int code, String msg) {
        events.add("kicked " + code + " " + msg);
    }
}
