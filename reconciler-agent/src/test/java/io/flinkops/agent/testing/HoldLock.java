package io.flinkops.agent.testing;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A separate process that holds the OS lock of a file until it is killed: another agent on the same work directory. */
public final class HoldLock {
    private HoldLock() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var lock = channel.lock()) {
            System.out.print("locked\n");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
