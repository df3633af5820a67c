package io.flinkops.agent.kube;

/** "Kind namespace/name": how objects are named in results, messages and comparisons. */
record ObjectKey(String kind, String namespace, String name) implements Comparable<ObjectKey> {
    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }

    @Override
    public int compareTo(ObjectKey o) {
        return toString().compareTo(o.toString());
    }
}
