package io.flinkops.agent.git;

import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.BasePackFetchConnection;
import org.eclipse.jgit.transport.BasePackPushConnection;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PackTransport;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.TcpTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportProtocol;
import org.eclipse.jgit.transport.URIish;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code git://} (the anonymous git daemon protocol) with a socket read timeout, registered in front of JGit's own.
 *
 * <p>Why: JGit's {@code TransportGitAnon} bounds only the connect with the command's timeout; its reads are bounded by
 * a timer that interrupts the reading thread, and since JDK 13 a blocking read on a plain {@link Socket} ignores
 * interrupts. A daemon that accepts the connection and never answers therefore hangs a fetch, an ls-remote or a push
 * for ever, whatever {@code setTimeout} says. This transport is the same protocol (v0, as JGit's speaks it to
 * daemons that do not offer v2) on a socket with {@link Socket#setSoTimeout}, so that every read gives up after the
 * timeout with a {@link java.net.SocketTimeoutException}. Modelled on JGit's {@code TransportGitAnon}.
 */
final class GitDaemonTransport extends TcpTransport implements PackTransport {
    static final int GIT_PORT = 9418;

    /** Held strongly: {@link Transport#register} keeps only a weak reference. */
    static final TransportProtocol PROTOCOL = new TransportProtocol() {
        @Override
        public String getName() {
            return "Anonymous Git (with read timeouts)";
        }

        @Override
        public Set<String> getSchemes() {
            return Set.of("git");
        }

        @Override
        public Set<URIishField> getRequiredFields() {
            return EnumSet.of(URIishField.HOST, URIishField.PATH);
        }

        @Override
        public Set<URIishField> getOptionalFields() {
            return EnumSet.of(URIishField.PORT);
        }

        @Override
        public int getDefaultPort() {
            return GIT_PORT;
        }

        @Override
        public Transport open(URIish uri, Repository local, String remoteName) {
            return new GitDaemonTransport(local, uri);
        }

        @Override
        public Transport open(URIish uri) throws NotSupportedException, TransportException {
            return new GitDaemonTransport(uri);
        }
    };

    private static volatile boolean registered;

    /** Puts this transport in front of JGit's {@code git://} for the whole process (idempotent). */
    static void register() {
        if (registered) return;
        synchronized (GitDaemonTransport.class) {
            if (!registered) {
                Transport.register(PROTOCOL);
                registered = true;
            }
        }
    }

    private GitDaemonTransport(Repository local, URIish uri) {
        super(local, uri);
    }

    private GitDaemonTransport(URIish uri) {
        super(uri);
    }

    @Override
    public FetchConnection openFetch() throws TransportException {
        return new Fetch();
    }

    @Override
    public PushConnection openPush() throws TransportException {
        return new Push();
    }

    private Socket connect() throws TransportException {
        int ms = getTimeout() > 0 ? getTimeout() * 1000 : 0;
        int port = uri.getPort() > 0 ? uri.getPort() : GIT_PORT;
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(InetAddress.getByName(uri.getHost()), port), ms);
            s.setSoTimeout(ms); // the point of this class: reads give up, they do not wait for an interrupt
            return s;
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the connect failure is the news
            }
            throw new TransportException(uri, e.getMessage(), e);
        }
    }

    /** The daemon's request line: {@code git-upload-pack /path\0host=host[:port]\0}. */
    private void service(String name, PacketLineOut out) throws IOException {
        StringBuilder cmd = new StringBuilder().append(name).append(' ').append(uri.getPath()).append('\0')
                .append("host=").append(uri.getHost());
        if (uri.getPort() > 0 && uri.getPort() != GIT_PORT) cmd.append(':').append(uri.getPort());
        cmd.append('\0');
        out.writeString(cmd.toString());
        out.flush();
    }

    private final class Fetch extends BasePackFetchConnection {
        private Socket sock;

        Fetch() throws TransportException {
            super(GitDaemonTransport.this);
            sock = connect();
            try {
                init(new BufferedInputStream(sock.getInputStream()), new BufferedOutputStream(sock.getOutputStream()));
                service("git-upload-pack", pckOut);
            } catch (IOException e) {
                close();
                throw new TransportException(uri, "the remote hung up unexpectedly", e);
            }
            if (!readAdvertisedRefs()) lsRefs(java.util.List.of());
        }

        @Override
        public void close() {
            super.close();
            closeSocket(sock);
            sock = null;
        }
    }

    private final class Push extends BasePackPushConnection {
        private Socket sock;

        Push() throws TransportException {
            super(GitDaemonTransport.this);
            sock = connect();
            try {
                init(new BufferedInputStream(sock.getInputStream()), new BufferedOutputStream(sock.getOutputStream()));
                service("git-receive-pack", pckOut);
            } catch (IOException e) {
                close();
                throw new TransportException(uri, "the remote hung up unexpectedly", e);
            }
            readAdvertisedRefs();
        }

        @Override
        public void close() {
            super.close();
            closeSocket(sock);
            sock = null;
        }
    }

    private static void closeSocket(Socket s) {
        if (s == null) return;
        try {
            s.close();
        } catch (IOException ignored) {
            // closing after the transfer: nothing left to report
        }
    }

    @Override
    public void close() {
        // Connections close their own sockets.
    }
}
