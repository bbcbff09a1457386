package org.openttserver.api.dna;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a server and an AI need of one DNA scene file (a playground or a street), geometry
 * skipped: visgroups with their vis lists, suit edges and battle cells, the suit points, and the
 * landmark buildings. Read with {@link DnaReader}.
 *
 * <pre>{@code
 * DnaFile street = DnaReader.read(Path.of("etc/toontown_central_2100.dna"));
 * Set<Integer> seen = street.visGroup(2101).orElseThrow().visibleZones();
 * }</pre>
 *
 * @param name the file's name, for messages
 * @param visGroups every visgroup, in file order
 * @param suitPoints the suit points by index
 * @param landmarks every landmark building, in file order
 * @since 0.2
 */
public record DnaFile(String name, List<VisGroup> visGroups, Map<Integer, SuitPoint> suitPoints,
    List<Landmark> landmarks) {
  /** Copies the collections. */
  public DnaFile {
    visGroups = List.copyOf(visGroups);
    suitPoints = Map.copyOf(suitPoints);
    landmarks = List.copyOf(landmarks);
  }

  /**
   * Finds a visgroup.
   *
   * @param zone its zone
   * @return the visgroup, if the file has one for the zone
   */
  public Optional<VisGroup> visGroup(int zone) {
    return visGroups.stream().filter(v -> v.zone() == zone).findFirst();
  }

  /**
   * One visgroup: a zone of a street (or the playground's single zone).
   *
   * @param zone the zone: the integer before the first ':' of the visgroup's name
   * @param name the visgroup's name as written
   * @param visibleZones the zones of its {@code vis} list, in file order (normally itself too)
   * @param suitEdges its suit edges
   * @param battleCells its battle cells, in file order (the AI uses the first)
   */
  public record VisGroup(int zone, String name, Set<Integer> visibleZones,
      List<SuitEdge> suitEdges, List<BattleCell> battleCells) {
    /** Copies the collections (the vis set keeps file order). */
    public VisGroup {
      visibleZones = java.util.Collections.unmodifiableSet(
          new java.util.LinkedHashSet<>(visibleZones));
      suitEdges = List.copyOf(suitEdges);
      battleCells = List.copyOf(battleCells);
    }
  }

  /**
   * A directed suit edge between two suit points.
   *
   * @param start the first point's index
   * @param end the second point's index
   * @param zone the zone of the visgroup that holds the edge
   */
  public record SuitEdge(int start, int end, int zone) {}

  /**
   * A battle cell.
   *
   * @param width its width
   * @param height its height
   * @param position its centre
   */
  public record BattleCell(double width, double height, Position position) {}

  /**
   * A point of the suits' street graph.
   *
   * @param index its index (what edges refer to)
   * @param type street, front door or side door
   * @param position where it is
   * @param block the landmark block of a door point, or -1
   */
  public record SuitPoint(int index, SuitPointType type, Position position, int block) {}

  /** The kinds of suit point. */
  public enum SuitPointType {
    /** On the street. */
    STREET_POINT,
    /** At a building's front door. */
    FRONT_DOOR_POINT,
    /** At a building's side door. */
    SIDE_DOOR_POINT,
    /** Entering a Cog HQ (later files). */
    COGHQ_IN_POINT,
    /** Leaving a Cog HQ (later files). */
    COGHQ_OUT_POINT
  }

  /**
   * A landmark building (one with an interior).
   *
   * @param block its block number (the digits after {@code tb}, or {@code sz} in playgrounds,
   *     in its name)
   * @param zone the zone of the visgroup that holds it
   * @param title its title, or ""
   * @param buildingType its {@code building_type}, or "" (an ordinary toon building)
   * @param position its position, or the origin if the file gives none
   * @param heading its heading in degrees (the first of {@code hpr}/{@code nhpr}), or 0
   */
  public record Landmark(int block, int zone, String title, String buildingType,
      Position position, double heading) {}

  /**
   * A point in the scene.
   *
   * @param x x
   * @param y y
   * @param z z
   */
  public record Position(double x, double y, double z) {
    /** The origin. */
    public static final Position ORIGIN = new Position(0, 0, 0);
  }
}
