package io.flinkops.logging;

import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.SetNode;
import io.pebbletemplates.pebble.node.expression.ContextVariableExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.GetAttributeExpression;
import io.pebbletemplates.pebble.node.expression.LiteralStringExpression;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Twig's two-variable loop, {@code {% for name, level in userConfiguredLoggers %}}, which VVP's logging
 * templates use and Pebble lacks. The tag replaces Pebble's {@code for}; the one-variable form parses
 * exactly as before. A two-variable loop is rewritten into Pebble's own nodes: a loop over
 * {@code {key, value}} pairs (map entries in the map's order; list items with their 0-based index) whose
 * body starts by setting the two names. Escaping and the other node visitors see ordinary nodes. Loop bodies, of
 * either form, are {@link MeteredBody metered}: every iteration charges the {@link TemplateBudget}.
 */
final class TwigPairLoops extends AbstractExtension {

    @Override
    public List<TokenParser> getTokenParsers() {
        return List.of(new ForTag());
    }

    static final class ForTag implements TokenParser {
        @Override
        public String getTag() {
            return "for";
        }

        @Override
        public RenderableNode parse(Token token, Parser parser) {
            TokenStream stream = parser.getStream();
            int line = token.getLineNumber();
            stream.next(); // "for"
            String first = parser.getExpressionParser().parseNewVariableName();
            String second = null;
            if (stream.current().test(Token.Type.PUNCTUATION, ",")) {
                stream.next();
                second = parser.getExpressionParser().parseNewVariableName();
            }
            stream.expect(Token.Type.NAME, "in");
            Expression<?> iterable = parser.getExpressionParser().parseExpression();
            stream.expect(Token.Type.EXECUTE_END);
            BodyNode body = parser.subparse(t -> t.test(Token.Type.NAME, "else", "endfor"));
            BodyNode elseBody = null;
            if (stream.current().test(Token.Type.NAME, "else")) {
                stream.next();
                stream.expect(Token.Type.EXECUTE_END);
                elseBody = parser.subparse(t -> t.test(Token.Type.NAME, "endfor"));
            }
            if (stream.current().getValue() == null) {
                throw new ParserException(null, "Unexpected end of template. Pebble was looking for the \"endfor\" tag",
                        stream.current().getLineNumber(), stream.getFilename());
            }
            stream.next(); // "endfor"
            stream.expect(Token.Type.EXECUTE_END);
            if (second == null) {
                return new ForNode(line, first, iterable, new MeteredBody(body, line, MeteredBody.ITERATION), elseBody);
            }
            String pair = PAIR_PREFIX + first + "_" + second + "_" + line;
            List<RenderableNode> children = new ArrayList<>();
            children.add(new SetNode(line, first, part(pair, "key", stream.getFilename(), line)));
            children.add(new SetNode(line, second, part(pair, "value", stream.getFilename(), line)));
            children.addAll(body.getChildren());
            return new ForNode(line, pair, new Pairs(iterable, line), new MeteredBody(new BodyNode(line, children), line, MeteredBody.ITERATION), elseBody);
        }

        private static Expression<?> part(String pair, String name, String file, int line) {
            return new GetAttributeExpression(new ContextVariableExpression(pair, line), new LiteralStringExpression(name, line), file, line);
        }
    }

    /** Names of the hidden loop variables start with this (no template can write such a name). */
    static final String PAIR_PREFIX = "__pair_";

    /** The iterable of a two-variable loop as a list of {@code {key, value}} maps. */
    static final class Pairs implements Expression<Object> {
        private final Expression<?> iterable;
        private final int line;

        Pairs(Expression<?> iterable, int line) {
            this.iterable = iterable;
            this.line = line;
        }

        Expression<?> iterable() {
            return iterable;
        }

        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object value = iterable.evaluate(self, context);
            // The pairs are a copy of the iterable's entries (the loop then charges for every one it runs).
            TemplateBudget.charge(1 + entries(value), line);
            List<Map<String, Object>> out = new ArrayList<>();
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> out.add(pair(k, v)));
            } else if (value instanceof Iterable<?> items) {
                int i = 0;
                for (Object item : items) out.add(pair(i++, item));
            } else if (value != null && value.getClass().isArray()) {
                for (int i = 0; i < Array.getLength(value); i++) out.add(pair(i, Array.get(value, i)));
            }
            return out;
        }

        private static long entries(Object value) {
            if (value instanceof Map<?, ?> map) return map.size();
            if (value instanceof java.util.Collection<?> c) return c.size();
            if (value != null && value.getClass().isArray()) return Array.getLength(value);
            return 0;
        }

        private static Map<String, Object> pair(Object key, Object value) {
            Map<String, Object> m = new HashMap<>();
            m.put("key", key);
            m.put("value", value);
            return m;
        }

        @Override
        public void accept(NodeVisitor visitor) {
            visitor.visit(this);
        }

        @Override
        public int getLineNumber() {
            return line;
        }
    }
}
