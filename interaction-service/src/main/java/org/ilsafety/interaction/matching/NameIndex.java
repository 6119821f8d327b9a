package org.ilsafety.interaction.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds known names in free text, case-, spacing- and punctuation-insensitively: "Humira Pen 40 mg",
 * "ethinyl-estradiol" and "M-M-R II" all match. The text is split into words (filler words such as
 * "and" or "vaccine" dropped); the longest run of words whose letters and digits, joined, equal a known
 * name wins, then the search goes on in the rest of the text, so a combination product yields each of
 * its ingredients.
 */
public final class NameIndex<T> {
    private static final int MAX_WORDS = 6;
    private static final Set<String> FILLER = Set.of("and", "with", "vaccine", "vaccines", "virus", "the", "of", "for", "type", "types");

    private final Map<String, T> byKey = new HashMap<>();

    /** Adds a name; the first value registered for a key keeps it. Returns false for a name already taken. */
    public boolean add(String name, T value) {
        String key = key(name);
        if (key.isEmpty()) {
            return false;
        }
        return byKey.putIfAbsent(key, value) == null;
    }

    /** The values named in the text, in order of appearance, without repeats. */
    public List<T> find(String text) {
        List<T> found = new ArrayList<>(2);
        if (text == null || text.isBlank()) {
            return found;
        }
        T whole = byKey.get(key(text));
        if (whole != null) {
            found.add(whole);
            return found;
        }
        List<String> words = words(text);
        int start = 0;
        while (start < words.size()) {
            int matchedLength = 0;
            for (int length = Math.min(MAX_WORDS, words.size() - start); length >= 1; length--) {
                T value = byKey.get(String.join("", words.subList(start, start + length)));
                if (value != null) {
                    if (!found.contains(value)) {
                        found.add(value);
                    }
                    matchedLength = length;
                    break;
                }
            }
            start += Math.max(1, matchedLength);
        }
        return found;
    }

    /** The words of a text, lower-case, letters and digits only, filler words dropped. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{Alnum}]+")) {
            if (!word.isEmpty() && !FILLER.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    static String key(String text) {
        return String.join("", words(text));
    }
}
