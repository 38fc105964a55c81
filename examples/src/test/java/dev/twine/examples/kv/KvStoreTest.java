package dev.twine.examples.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The key-value server's command language. */
class KvStoreTest {
    private final KvStore store = new KvStore();

    @Test
    void setThenGetReturnsTheWholeValueSpacesIncluded() {
        assertEquals("OK", store.execute("SET greeting hello there, world"));
        assertEquals("VALUE hello there, world", store.execute("GET greeting"));
    }

    @Test
    void aMissingKeyIsNotFoundAndDelRemoves() {
        assertEquals("NOT_FOUND", store.execute("GET nothing"));
        store.execute("SET k v");
        assertEquals("DELETED", store.execute("DEL k"));
        assertEquals("NOT_FOUND", store.execute("DEL k"));
        assertEquals(0, store.size());
    }

    @Test
    void malformedCommandsAreAnsweredWithAnErrorAndChangeNothing() {
        assertTrue(store.execute("SET onlykey").startsWith("ERROR usage: SET"));
        assertTrue(store.execute("GET").startsWith("ERROR usage: GET"));
        assertTrue(store.execute("GET a b").startsWith("ERROR usage: GET"));
        assertTrue(store.execute("FLY away").startsWith("ERROR unknown command: FLY"));
        assertTrue(store.execute("").startsWith("ERROR unknown command"));
        assertEquals(0, store.size());
    }
}
