package io.flinkops.logging;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.attributes.methodaccess.MethodAccessValidator;
import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.BlockNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.MacroNode;
import io.pebbletemplates.pebble.node.Node;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.RootNode;
import io.pebbletemplates.pebble.node.expression.AddExpression;
import io.pebbletemplates.pebble.node.expression.ArrayExpression;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.node.expression.ConcatenateExpression;
import io.pebbletemplates.pebble.node.expression.ContainsExpression;
import io.pebbletemplates.pebble.node.expression.EqualsExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.MapExpression;
import io.pebbletemplates.pebble.node.expression.NotEqualsExpression;
import io.pebbletemplates.pebble.node.expression.SubtractExpression;
import io.pebbletemplates.pebble.operator.Associativity;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.operator.BinaryOperatorImpl;
import io.pebbletemplates.pebble.operator.BinaryOperatorType;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import io.pebbletemplates.pebble.utils.OperatorUtils;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The parts of the log template engine that charge the {@link TemplateBudget}, besides the built-in filters and functions
 * ({@link BoundedBuiltins}) and the {@code for} tag ({@link TwigPairLoops}):
 *
 * <ul>
 *   <li>{@code macro} and {@code block} bodies are {@link MeteredBody metered}: each call costs the body's size and
 *       one level of nesting, so recursion ends at {@link TemplateBudget#MAX_NESTING};</li>
 *   <li>the operators that copy, compare or search values ({@code ~}, {@code +}, {@code -}, {@code ==}, {@code equals},
 *       {@code !=}, {@code contains}) charge the sizes of their operands before the work;</li>
 *   <li>every value a list or map literal holds costs its weight (a literal holding the same large value many
 *       times would otherwise be a large value that cost nothing);</li>
 *   <li>a subscript ({@code map[key]}) costs the size of the key;</li>
 *   <li>no Java method can be called on a value ({@link #METHODS}), except the key and value of a map entry and the
 *       getters of {@code loop}.</li>
 * </ul>
 */
final class TemplateBounds extends AbstractExtension {

    /** Twig has no method calls; Pebble's (e.g. {@code "x".repeat(n)}) would bypass every charge. */
    static final MethodAccessValidator METHODS = TemplateBounds::mayCall;

    private static boolean mayCall(Object object, Method method) {
        if (method.getParameterCount() != 0) return false;
        if (object instanceof Map.Entry<?, ?>) return method.getName().equals("getKey") || method.getName().equals("getValue");
        // `loop.index`, `loop.first`…: the getters of Pebble's loop variables.
        return method.getDeclaringClass().getName().equals(LOOP_VARIABLES);
    }

    private static final String LOOP_VARIABLES = "io.pebbletemplates.pebble.node.ForNode$LoopVariables";

    @Override
    public List<TokenParser> getTokenParsers() {
        return List.of(new MacroTag(), new BlockTag());
    }

    @Override
    public List<BinaryOperator> getBinaryOperators() {
        return List.of(
                operator("contains", 20, Contains::new),
                operator("==", 30, Equals::new),
                operator("equals", 30, Equals::new),
                operator("!=", 30, NotEquals::new),
                operator("+", 40, Add::new),
                operator("-", 40, Subtract::new),
                operator("~", 110, Concatenate::new));
    }

    private static BinaryOperator operator(String symbol, int precedence, Supplier<? extends BinaryExpression<?>> node) {
        return new BinaryOperatorImpl(symbol, precedence, node, BinaryOperatorType.NORMAL, Associativity.LEFT);
    }

    @Override
    public List<NodeVisitorFactory> getNodeVisitors() {
        return List.of(template -> new ChargeSites((PebbleTemplateImpl) template));
    }

    @Override
    public List<AttributeResolver> getAttributeResolver() {
        return List.of(TemplateBounds::chargeSubscript);
    }

    /** Charges the size of a subscript key (Pebble turns it into text before resolving it), then lets Pebble resolve. */
    private static ResolvedAttribute chargeSubscript(Object instance, Object attributeNameValue, Object[] argumentValues,
                                                     ArgumentsNode args, EvaluationContextImpl context, String filename, int line) {
        if (!(attributeNameValue instanceof String)) TemplateBudget.chargeWeight(attributeNameValue, line);
        return null;
    }

    // ---- tags

    /** Pebble's {@code macro} tag, with a metered body. */
    private static final class MacroTag implements TokenParser {
        @Override
        public String getTag() {
            return "macro";
        }

        @Override
        public RenderableNode parse(Token token, Parser parser) {
            TokenStream stream = parser.getStream();
            stream.next(); // "macro"
            String name = stream.expect(Token.Type.NAME).getValue();
            ArgumentsNode args = parser.getExpressionParser().parseArguments(true);
            stream.expect(Token.Type.EXECUTE_END);
            BodyNode body = parser.subparse(t -> t.test(Token.Type.NAME, "endmacro"));
            stream.next(); // "endmacro"
            stream.expect(Token.Type.EXECUTE_END);
            return new MacroNode(name, args, new MeteredBody(body, token.getLineNumber(), MeteredBody.CALL));
        }
    }

    /** Pebble's {@code block} tag, with a metered body ({@code block('name')} renders a block again). */
    private static final class BlockTag implements TokenParser {
        @Override
        public String getTag() {
            return "block";
        }

        @Override
        public RenderableNode parse(Token token, Parser parser) {
            TokenStream stream = parser.getStream();
            int line = token.getLineNumber();
            Token nameToken = stream.next();
            if (!nameToken.test(Token.Type.NAME) && !nameToken.test(Token.Type.STRING)) stream.expect(Token.Type.NAME);
            String name = nameToken.getValue();
            stream.next();
            stream.expect(Token.Type.EXECUTE_END);
            parser.pushBlockStack(name);
            BodyNode body = parser.subparse(t -> t.test(Token.Type.NAME, "endblock"));
            parser.popBlockStack();
            if (!stream.current().test(Token.Type.NAME, "endblock")) {
                throw new ParserException(null, "endblock tag should be present with block tag starting line number ", line, stream.getFilename());
            }
            stream.next(); // "endblock"
            if (stream.current().test(Token.Type.NAME, name) || stream.current().test(Token.Type.STRING, name)) stream.next();
            stream.expect(Token.Type.EXECUTE_END);
            return new BlockNode(line, name, new MeteredBody(body, line, MeteredBody.CALL));
        }
    }

    // ---- literals

    /**
     * Makes every value of a list or map literal charge its weight when the literal is evaluated (the literal's element
     * list and entry map are Pebble's own mutable collections, so their expressions are replaced in place), and gives
     * the escaping filter Pebble wraps around printed values the line of the value, where its charges are reported.
     */
    private static final class ChargeSites extends AbstractNodeVisitor {
        private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        ChargeSites(PebbleTemplateImpl template) {
            super(template);
        }

        @Override
        public void visit(RootNode root) {
            Deque<Node> pending = new ArrayDeque<>();
            pending.push(root);
            while (!pending.isEmpty()) {
                Node n = pending.pop();
                if (!seen.add(n)) continue;
                if (n instanceof ArrayExpression || n instanceof MapExpression) chargeValues(n);
                // The escaping Pebble adds around a printed value has no line of its own: give it the value's.
                if (n instanceof BinaryExpression<?> b && b.getLineNumber() == 0 && b.getLeftExpression() != null) {
                    b.setLineNumber(b.getLeftExpression().getLineNumber());
                }
                NodeFields.forEachChild(n, pending::push);
            }
        }

        @SuppressWarnings("unchecked")
        private void chargeValues(Node literal) {
            NodeFields.forEachFieldValue(literal, value -> {
                if (value instanceof List<?> list) {
                    List<Expression<?>> values = (List<Expression<?>>) list;
                    for (int i = 0; i < values.size(); i++) values.set(i, charged(values.get(i)));
                } else if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                    Map<Expression<?>, Expression<?>> entries = (Map<Expression<?>, Expression<?>>) map;
                    Map<Expression<?>, Expression<?>> replaced = new LinkedHashMap<>();
                    entries.forEach((k, v) -> replaced.put(charged(k), charged(v)));
                    entries.clear();
                    entries.putAll(replaced);
                }
            });
        }

        private Expression<?> charged(Expression<?> e) {
            if (e == null || e instanceof ChargedValue) return e;
            ChargedValue c = new ChargedValue(e);
            seen.add(c);
            return c;
        }
    }

    /** A value of a literal: evaluated, then charged its weight. */
    static final class ChargedValue implements Expression<Object> {
        private final Expression<?> value;

        ChargedValue(Expression<?> value) {
            this.value = value;
        }

        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object v = value.evaluate(self, context);
            TemplateBudget.chargeWeight(v, getLineNumber());
            return v;
        }

        @Override
        public int getLineNumber() {
            return value.getLineNumber();
        }

        @Override
        public void accept(NodeVisitor visitor) {
            value.accept(visitor);
        }
    }

    // ---- operators: Pebble's, with their operands charged first

    private static long sizes(Object left, Object right) {
        return TemplateBudget.weight(left) + TemplateBudget.weight(right);
    }

    private static boolean isText(Object o) {
        return o instanceof String || o instanceof SafeString;
    }

    static final class Concatenate extends ConcatenateExpression {
        @Override
        public String evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object left = getLeftExpression().evaluate(self, context);
            Object right = getRightExpression().evaluate(self, context);
            TemplateBudget.charge(sizes(left, right), getLineNumber());
            StringBuilder result = new StringBuilder();
            if (left != null) result.append(left);
            if (right != null) result.append(right);
            return result.toString();
        }
    }

    static final class Add extends AddExpression {
        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object left = getLeftExpression().evaluate(self, context);
            Object right = getRightExpression().evaluate(self, context);
            if (isText(left) || isText(right) || left instanceof List) TemplateBudget.charge(sizes(left, right), getLineNumber());
            try {
                return OperatorUtils.add(left, right);
            } catch (Exception e) {
                throw new PebbleException(e, "Could not perform addition", getLineNumber(), self.getName());
            }
        }
    }

    static final class Subtract extends SubtractExpression {
        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object left = getLeftExpression().evaluate(self, context);
            Object right = getRightExpression().evaluate(self, context);
            // Removing from a list compares every item with every item removed.
            if (left instanceof List) {
                TemplateBudget.charge(saturatedProduct(TemplateBudget.weight(left) + 1, TemplateBudget.weight(right) + 1),
                        getLineNumber());
            }
            try {
                return OperatorUtils.subtract(left, right);
            } catch (Exception e) {
                throw new PebbleException(e, "Could not perform subtraction", getLineNumber(), self.getName());
            }
        }
    }

    static final class Equals extends EqualsExpression {
        @Override
        public Boolean evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object left = getLeftExpression().evaluate(self, context);
            Object right = getRightExpression().evaluate(self, context);
            return equal(left, right, getLineNumber(), self);
        }
    }

    static final class NotEquals extends NotEqualsExpression {
        @Override
        public Boolean evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object left = getLeftExpression().evaluate(self, context);
            Object right = getRightExpression().evaluate(self, context);
            return !equal(left, right, getLineNumber(), self);
        }
    }

    private static boolean equal(Object left, Object right, int line, PebbleTemplateImpl self) {
        if (!(left instanceof Number && right instanceof Number)) TemplateBudget.charge(sizes(left, right), line);
        try {
            return OperatorUtils.equals(left, right);
        } catch (Exception e) {
            throw new PebbleException(e, "Could not perform equals comparison", line, self.getName());
        }
    }

    static final class Contains extends ContainsExpression {
        @Override
        public Boolean evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object left = getLeftExpression().evaluate(self, context);
            if (left == null) return false;
            Object right = getRightExpression().evaluate(self, context);
            int line = getLineNumber();
            if (left instanceof String s) {
                // String.contains compares up to every position with the whole needle.
                long needle = TemplateBudget.weight(right);
                TemplateBudget.charge(1 + needle, line);
                TemplateBudget.charge(saturatedProduct(s.length() + 1L, needle + 1), line);
                return s.contains(String.valueOf(right));
            }
            if (left instanceof Map<?, ?>) {
                TemplateBudget.chargeWeight(right, line);
            } else if (right instanceof Collection<?> items) {
                TemplateBudget.charge(saturatedProduct(TemplateBudget.weight(left) + 1, items.size() + 1L), line);
                TemplateBudget.chargeWeight(right, line);
            } else {
                TemplateBudget.charge(sizes(left, right), line);
            }
            return evaluateUncharged(left, right, self);
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        private Boolean evaluateUncharged(Object left, Object right, PebbleTemplateImpl self) {
            if (left instanceof Collection c) return right instanceof Collection r ? c.containsAll(r) : c.contains(right);
            if (left instanceof Map m) return m.containsKey(right);
            if (left.getClass().isArray() && left instanceof Object[] items) {
                for (Object o : items) if (right == o || right != null && right.equals(o)) return true;
                return false;
            }
            throw new PebbleException(null, "Contains operator can only be used on Collections, Maps and arrays. Actual type was: "
                    + left.getClass().getName(), getLineNumber(), self.getName());
        }
    }

    /** {@code a * b}, or {@link Long#MAX_VALUE} when it overflows (a charge that large always exceeds the budget). */
    static long saturatedProduct(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }
}
