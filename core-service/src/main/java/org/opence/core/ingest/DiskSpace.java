package org.opence.core.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jakarta.enterprise.context.ApplicationScoped;

/** Free space of the file system holding a directory (its nearest existing ancestor). */
@ApplicationScoped
public class DiskSpace {

    /** Usable bytes, or {@code Long.MAX_VALUE} when it cannot be read (never pause on a guess). */
    public long usableBytes(Path directory) {
        Path p = directory.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
