
(function(){
  var box=document.getElementById('filter'), note=document.getElementById('selection'), picked={};
  function fold(s){return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g,'');}
  function apply(){
    var words=fold(box.value).split(/\s+/).filter(Boolean), shown=0;
    document.querySelectorAll('tr.event').forEach(function(row){
      var ok=words.every(function(w){return fold(row.textContent).indexOf(w)>=0;});
      for(var k in picked){if(row.dataset[k]!==undefined&&row.dataset[k]!==picked[k])ok=false;
                           if(row.dataset[k]===undefined&&row.closest('#visits'))ok=false;}
      row.style.display=ok?'':'none';if(ok&&row.closest('#visits'))shown++;
    });
    var keys=Object.keys(picked);
    note.innerHTML=keys.length?('Showing '+shown+' visit(s): '+keys.map(function(k){return k+' '+picked[k];}).join(', ')
      +' · <a href="#visits" id="clear">show all</a>'):'';
    var clear=document.getElementById('clear');
    if(clear)clear.addEventListener('click',function(){picked={};apply();});
  }
  box.addEventListener('input',apply);
  document.querySelectorAll('a.cell').forEach(function(cell){
    cell.addEventListener('click',function(){
      picked={};['country','destination','period','year'].forEach(function(k){if(cell.dataset[k])picked[k]=cell.dataset[k];});
      apply();
    });
  });
  document.documentElement.setAttribute('data-ready','1');
})();
