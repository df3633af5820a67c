package io.flinkops.flinkoptions.generator;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Minimal class-file reader: tells whether a class declares a static field of a given type, without
 * loading the class. Used to pick the handful of option-holder classes out of thousands of Flink
 * classes, so that only those are initialised.
 */
final class ClassFileFields {

    private static final int ACC_STATIC = 0x0008;

    private ClassFileFields() {}

    /**
     * @param classFile raw bytes of a {@code .class} file
     * @param descriptor a field descriptor, e.g. {@code Lorg/apache/flink/configuration/ConfigOption;}
     * @return true if the class declares at least one static field with that descriptor
     */
    static boolean declaresStaticField(byte[] classFile, String descriptor) throws IOException {
        // Cheap pre-check: the descriptor must appear in the constant pool as a Utf8 entry.
        if (indexOf(classFile, descriptor.getBytes(StandardCharsets.UTF_8)) < 0) {
            return false;
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            return false;
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int poolCount = in.readUnsignedShort();
        String[] utf8 = new String[poolCount];
        for (int i = 1; i < poolCount; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.skipNBytes(4); // Integer, Float
                case 5, 6 -> { // Long, Double take two slots
                    in.skipNBytes(8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2); // Class, String, MethodType, Module, Package
                case 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // refs, NameAndType, (Invoke)Dynamic
                case 15 -> in.skipNBytes(3); // MethodHandle
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        in.readUnsignedShort(); // access flags
        in.readUnsignedShort(); // this_class
        in.readUnsignedShort(); // super_class
        int interfaces = in.readUnsignedShort();
        in.skipNBytes(2L * interfaces);
        int fields = in.readUnsignedShort();
        for (int f = 0; f < fields; f++) {
            int access = in.readUnsignedShort();
            in.readUnsignedShort(); // name
            int descriptorIndex = in.readUnsignedShort();
            if ((access & ACC_STATIC) != 0 && descriptor.equals(utf8[descriptorIndex])) {
                return true;
            }
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                in.readUnsignedShort();
                in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
