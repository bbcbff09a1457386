/**
 * The base AI: districts and their district-wide objects, over the Astron bridge only (it never
 * sees the runtime).
 */
module org.openttserver.ai {
  requires org.openttserver.api;

  exports org.openttserver.ai;
}
